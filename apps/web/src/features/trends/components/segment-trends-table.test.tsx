import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { SegmentTrendsTable } from './segment-trends-table.tsx';
import { THIN, segmentTrend } from '../testing/segment-trend.ts';

const WEEK = 7 * 86_400_000;

function rowOf(html: string, slug: string): Element {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return doc.querySelector(`tr[data-segment="${slug}"]`)!;
}

describe('SegmentTrendsTable', () => {
  it('shows "Not enough history to compare" with both coverages where every change would be, and no better/worse, for a thin previous period', () => {
    // The thin previous period was all successes: compared, it would make this one look worse everywhere.
    const thin = segmentTrend('thin', {
      previous: { coverage: { elapsedHours: 168, hoursWithData: 40, share: 40 / 168 } },
      comparison: THIN,
    });
    const row = rowOf(
      renderToStaticMarkup(<SegmentTrendsTable segments={[thin]} periodMs={WEEK} />),
      'thin',
    );
    const deltas = [...row.querySelectorAll('[data-delta]')];
    expect(deltas).toHaveLength(7);
    for (const delta of deltas) {
      expect(delta.getAttribute('data-delta')).toBe('withheld');
      expect(delta.textContent).toBe('Not enough history to compare');
    }
    expect(row.textContent).not.toMatch(/better|worse|vs prev\./);
    expect(row.querySelector('[data-comparison-reason]')?.textContent).toBe(THIN.reason);
    expect(row.querySelector('[data-coverage]')?.textContent).toBe(
      'Data in 168 of 168 hours (100 %); previous 7 days: data in 40 of 168 hours (23.8 %)',
    );
  });

  it('shows each change with better or worse when the previous period has enough history', () => {
    const row = rowOf(
      renderToStaticMarkup(
        <SegmentTrendsTable segments={[segmentTrend('steady')]} periodMs={WEEK} />,
      ),
      'steady',
    );
    expect(row.textContent).toContain('vs prev. −0.50 pts (worse)');
    expect(row.textContent).toContain('vs prev. +10.00 pts (better)');
    expect(row.textContent).not.toContain('Not enough history');
    expect(row.querySelector('[data-comparison-reason]')).toBeNull();
    expect(row.querySelector('[data-coverage]')?.textContent).toBe(
      'Data in 168 of 168 hours (100 %); previous 7 days: data in 168 of 168 hours (100 %)',
    );
  });
});
