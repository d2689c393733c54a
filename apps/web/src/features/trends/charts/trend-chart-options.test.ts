import { describe, expect, it } from 'vitest';
import { availabilityChartOptions, burnDownChartOptions } from './trend-chart-options.ts';
import { toCsv } from '../components/csv.ts';
import { bySpentBudget } from '../components/trend-rows.ts';
import { segmentTrend } from '../testing/segment-trend.ts';

const DAY = 86_400_000;
const segment = (slug: string, remainingShare: number | null) =>
  segmentTrend(slug, { remainingShare });

describe('trend charts', () => {
  it('draws daily availability in percent with days below the SLO in the breach colour, exportable as PNG', () => {
    const options = availabilityChartOptions(segment('checkout-eu', -1), { from: 0, to: 2 * DAY });
    const bars = options.series?.[0] as {
      data: [number, number][];
      zones: { value: number; color: string }[];
    };
    expect(bars.data).toEqual([
      [0, 100],
      [DAY, 98],
    ]);
    expect(bars.zones[0]).toEqual({ value: 99.5, color: '#c62828' });
    expect(options.exporting?.enabled).toBe(true);
    expect(options.exporting?.fallbackToExportServer).toBe(false);
  });

  it('starts each burn-down at 100 % and ends at what the period leaves', () => {
    const options = burnDownChartOptions([segment('a', -1)], { from: 0, to: 2 * DAY });
    expect((options.series?.[0] as { data: unknown[] }).data).toEqual([
      [0, 100],
      [DAY, 100],
      [2 * DAY, -100],
    ]);
  });
});

describe('trend tables', () => {
  it('quotes CSV cells that need it and leaves missing figures empty', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', null],
          ['say "hi"', 1],
        ],
      ),
    ).toBe('a,b\r\n"x,y",\r\n"say ""hi""",1\r\n');
  });

  it('orders segments by budget left, overspent first', () => {
    expect(
      bySpentBudget([segment('ok', 0.8), segment('none', null), segment('over', -2)]).map(
        (s) => s.slug,
      ),
    ).toEqual(['over', 'ok', 'none']);
  });
});
