import { describe, expect, it } from 'vitest';
import {
  BURN_WINDOWS_MS,
  BURN_WINDOW_NAMES,
  burnRate,
  evaluateBurnAlerts,
  type BurnWindow,
  type Counts,
} from './burn-rate.ts';

const MINUTE = 60_000;
const SLO = 0.999;
const END = Date.UTC(2025, 0, 10);

/** Four days of minutes at 1,000 requests each; errorsAt says how many failed in the minute starting at ts. */
function minutes(errorsAt: (ts: number) => number): (Counts & { ts: number })[] {
  const out: (Counts & { ts: number })[] = [];
  for (let ts = END - 4 * 86_400_000; ts < END; ts += MINUTE)
    out.push({ ts, requests: 1_000, errors: errorsAt(ts) });
  return out;
}

function windowsEndingAt(
  series: (Counts & { ts: number })[],
  end: number,
): Record<BurnWindow, Counts> {
  const sums = {} as Record<BurnWindow, Counts>;
  for (const name of BURN_WINDOW_NAMES) {
    const from = end - BURN_WINDOWS_MS[name];
    const inside = series.filter((m) => m.ts >= from && m.ts < end);
    sums[name] = {
      requests: inside.reduce((s, m) => s + m.requests, 0),
      errors: inside.reduce((s, m) => s + m.errors, 0),
    };
  }
  return sums;
}

const firing = (series: (Counts & { ts: number })[]) =>
  evaluateBurnAlerts(windowsEndingAt(series, END), SLO)
    .filter((a) => a.firing)
    .map((a) => a.rule);

describe('burn rate', () => {
  it('is the error ratio over the budget rate, and null without traffic', () => {
    expect(burnRate({ requests: 1_000, errors: 1 }, SLO)).toBeCloseTo(1, 9);
    expect(burnRate({ requests: 1_000, errors: 20 }, 0.99)).toBeCloseTo(2, 9);
    expect(burnRate({ requests: 0, errors: 0 }, SLO)).toBeNull();
  });

  it('fires the fast page when the last hour burns 20× the budget', () => {
    const series = minutes((ts) => (ts >= END - 3_600_000 ? 20 : 0));
    expect(firing(series)).toContain('page-fast');
  });

  it('fires only the ticket on a slow burn of twice the budget for days', () => {
    const series = minutes(() => 2);
    expect(firing(series)).toEqual(['ticket']);
  });

  it('fires nothing for a two-minute total outage twenty minutes ago', () => {
    const series = minutes((ts) => (ts >= END - 20 * MINUTE && ts < END - 18 * MINUTE ? 1_000 : 0));
    const alerts = evaluateBurnAlerts(windowsEndingAt(series, END), SLO);
    // The 1 h window alone would page: the short 5 m window is what keeps a past blip quiet.
    expect(alerts.find((a) => a.rule === 'page-fast')?.long.burnRate).toBeGreaterThan(14.4);
    expect(alerts.filter((a) => a.firing)).toEqual([]);
  });

  it('stops paging minutes after a fast burn ends, though the hour still burns', () => {
    const series = minutes((ts) => (ts >= END - 50 * MINUTE && ts < END - 10 * MINUTE ? 30 : 0));
    const alerts = evaluateBurnAlerts(windowsEndingAt(series, END), SLO);
    expect(alerts.find((a) => a.rule === 'page-fast')).toMatchObject({ firing: false });
    expect(alerts.find((a) => a.rule === 'page-fast')!.long.burnRate!).toBeGreaterThan(14.4);
  });
});
