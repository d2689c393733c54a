import { describe, expect, it } from 'vitest';
import { paths } from '../lib/paths.ts';
import { relative } from '../lib/time-window.ts';
import { showsGlobalTimeRange } from './time-range-picker.tsx';

describe('showsGlobalTimeRange', () => {
  it('hides the header window on the trends page, which has its own period switch', () => {
    expect(showsGlobalTimeRange(paths.trends())).toBe(false);
    expect(showsGlobalTimeRange(`${paths.trends()}/`)).toBe(false);
  });

  it('offers it on every drill-down level', () => {
    const view = { window: relative('6h'), filters: {} };
    for (const link of [paths.overview(view), paths.segment('s', view), paths.entity('s', 'e', view), paths.events('s', 'e', view)]) {
      expect(showsGlobalTimeRange(new URL(link, 'http://x').pathname)).toBe(true);
    }
  });
});
