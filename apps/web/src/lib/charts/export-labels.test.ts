import { describe, expect, it } from 'vitest';
import { exportFileName, exportLabels, exportWindowLabel } from './export-labels.ts';

const at = (iso: string) => Date.parse(iso);

describe('export labels', () => {
  it('writes a window within one day once, with both times, in UTC', () => {
    expect(
      exportWindowLabel({ from: at('2026-12-06T01:00:00Z'), to: at('2026-12-06T07:00:00Z') }),
    ).toBe('2026-12-06 01:00 – 07:00 UTC');
  });

  it('names the second day when the window crosses midnight', () => {
    expect(
      exportWindowLabel({ from: at('2026-12-05T22:30:00Z'), to: at('2026-12-06T04:30:00Z') }),
    ).toBe('2026-12-05 22:30 – 2026-12-06 04:30 UTC');
  });

  it('puts scope and window into the file name, so two exports of one chart never collide', () => {
    const window = { from: at('2026-12-06T01:00:00Z'), to: at('2026-12-06T07:00:00Z') };
    expect(exportFileName('watchfloor-segment-checkout', window)).toBe(
      'watchfloor-segment-checkout_2026-12-06T0100Z_2026-12-06T0700Z',
    );
  });

  it('gives the exported chart the scope as title and the window as subtitle', () => {
    const labels = exportLabels('Segment checkout — error rate', 'watchfloor-segment-checkout', {
      from: at('2026-12-06T01:00:00Z'),
      to: at('2026-12-06T07:00:00Z'),
    });
    expect(labels.chartOptions?.title?.text).toBe('Segment checkout — error rate');
    expect(labels.chartOptions?.subtitle?.text).toBe('2026-12-06 01:00 – 07:00 UTC');
    expect(labels.filename).toBe('watchfloor-segment-checkout_2026-12-06T0100Z_2026-12-06T0700Z');
  });
});
