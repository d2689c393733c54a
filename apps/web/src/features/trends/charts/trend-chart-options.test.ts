import { describe, expect, it } from 'vitest';
import type { SegmentTrend } from '@watchfloor/shared/trends/api';
import { availabilityChartOptions, burnDownChartOptions } from './trend-chart-options.ts';
import { toCsv } from '../components/csv.ts';
import { bySpentBudget, delta } from '../components/trend-rows.ts';

const DAY = 86_400_000;
const figures = (remainingShare: number | null) => ({
  requests: 1_000, errors: 10, availability: 0.99, meetsSlo: false, latency: { resolution: '1m' as const, judged: 10, met: 9, compliance: 0.9 },
  budget: { allowed: 5, spent: 10, remaining: -5, remainingShare }, incidents: 1, mttrMs: 60_000, actions: 0, incidentsWithAction: 0,
});
const segment = (slug: string, remainingShare: number | null): SegmentTrend => ({
  slug, name: slug, owner: null, slo: { availability: 0.995, latencyP95Ms: 300 },
  current: figures(remainingShare), previous: figures(1),
  daily: [{ ts: 0, requests: 500, errors: 0, availability: 1 }, { ts: DAY, requests: 500, errors: 10, availability: 0.98 }],
  burnDown: [{ ts: DAY, remainingShare: 1 }, { ts: 2 * DAY, remainingShare }],
  alerts: [],
});

describe('trend charts', () => {
  it('draws daily availability in percent with days below the SLO in the breach colour, exportable as PNG', () => {
    const options = availabilityChartOptions(segment('checkout-eu', -1), { from: 0, to: 2 * DAY });
    const bars = options.series?.[0] as { data: [number, number][]; zones: { value: number; color: string }[] };
    expect(bars.data).toEqual([[0, 100], [DAY, 98]]);
    expect(bars.zones[0]).toEqual({ value: 99.5, color: '#c62828' });
    expect(options.exporting?.buttons?.contextButton?.menuItems).toContain('downloadPNG');
    expect(options.exporting?.fallbackToExportServer).toBe(false);
  });

  it('starts each burn-down at 100 % and ends at what the period leaves', () => {
    const options = burnDownChartOptions([segment('a', -1)], { from: 0, to: 2 * DAY });
    expect((options.series?.[0] as { data: unknown[] }).data).toEqual([[0, 100], [DAY, 100], [2 * DAY, -100]]);
  });
});

describe('trend tables', () => {
  it('quotes CSV cells that need it and leaves missing figures empty', () => {
    expect(toCsv(['a', 'b'], [['x,y', null], ['say "hi"', 1]])).toBe('a,b\r\n"x,y",\r\n"say ""hi""",1\r\n');
  });

  it('orders segments by budget left, overspent first, and gives no delta when a side is missing', () => {
    expect(bySpentBudget([segment('ok', 0.8), segment('none', null), segment('over', -2)]).map((s) => s.slug)).toEqual(['over', 'ok', 'none']);
    expect(delta(0.9, null)).toBeNull();
    expect(delta(0.9, 0.95)).toBeCloseTo(-0.05, 12);
  });
});
