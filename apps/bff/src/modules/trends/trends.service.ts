import {
  BURN_WINDOWS_MS,
  BURN_WINDOW_NAMES,
  evaluateBurnAlerts,
  type BurnWindow,
  type Counts,
} from '@watchfloor/shared/trends/burn-rate';
import { burnDown } from '@watchfloor/shared/trends/error-budget';
import { INCIDENT_RULES } from '@watchfloor/shared/trends/incidents';
import { complianceResolution } from '@watchfloor/shared/trends/latency-compliance';
import { alignWindow, previousWindow } from '@watchfloor/shared/trends/period';
import {
  comparePeriods,
  coverageOf,
  elapsedHourSpan,
  periodDeltas,
} from '@watchfloor/shared/trends/comparison';
import type { Incident, SegmentTrend, Trends, TrendsRequest } from '@watchfloor/shared/trends/api';
import { availability } from '@watchfloor/shared/metrics/ratios';
import type { Quality } from '@watchfloor/shared/quality';
import type { Pool } from '../../db/pool.ts';
import { listSegments } from '../fleet/fleet.repository.ts';
import { tileWindow } from '../rollups/window-tiles.ts';
import { assessQuality, toQuality } from '../quality/quality.service.ts';
import type { QualityThresholds } from '../quality/quality-rules.ts';
import { actionWeeks, actionsWithin, outcomeTotals } from './action-stats.ts';
import { searchIncidents } from './incident-search.ts';
import type { LatencyCellCache } from './latency-cells.ts';
import { periodFigures } from './period-figures.ts';
import { thinHistoryReason, withThinHistory } from './thin-history.ts';
import {
  countsByDay,
  hoursWithData,
  type LabelledTile,
} from '../rollups/segment-rollups.repository.ts';
import { actionsProposedBetween } from './trends.repository.ts';

export interface TrendsDeps {
  pool: Pool;
  thresholds?: QualityThresholds;
  now?: () => number;
}

export interface TrendsResult {
  trends: Trends;
  quality: Quality;
  computedAt: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const zero = (): Counts => ({ requests: 0, errors: 0 });

/**
 * Every trend figure for a window and the window before it. Totals and daily bars are day, hour
 * and minute rollups tiled exactly over each window and summed in the database; burn-rate
 * windows are tiled the same way; latency compliance and incidents read minutes only where the
 * definitions need them (short windows, and the hours around a burn).
 */
export async function computeTrends(
  deps: TrendsDeps & { latencyCells: LatencyCellCache },
  request: TrendsRequest,
): Promise<TrendsResult> {
  const now = deps.now?.() ?? Date.now();
  const window = alignWindow(request.window);
  const previous = previousWindow(window);
  // Alerts look back from the last whole minute: the current one has barely begun and would make the 5 m window jitter.
  const alertsAt = Math.floor(Math.min(window.to, now) / MINUTE) * MINUTE;
  const segments = await listSegments(deps.pool);
  const ids = segments.map((s) => s.id);

  const labelled = (label: string, fromTs: number, toTs: number): LabelledTile[] =>
    tileWindow(fromTs, toTs).map((tile) => ({ label, ...tile }));
  const tiles = [
    ...labelled('cur', window.from, window.to),
    ...labelled('prev', previous.from, previous.to),
    ...BURN_WINDOW_NAMES.flatMap((name) =>
      labelled(name, alertsAt - BURN_WINDOWS_MS[name], alertsAt),
    ),
  ];
  // Coverage counts hours that have started: a window reaching into the future is not "missing" data there.
  const elapsed = { cur: elapsedHourSpan(window, now), prev: elapsedHourSpan(previous, now) };
  const latencyResolution = complianceResolution(window.to - window.from);
  const latencyTargets = segments.map((s) => ({ id: s.id, targetMs: s.sloLatencyP95Ms }));

  const report = await assessQuality(
    { pool: deps.pool, thresholds: deps.thresholds, now: () => now },
    { window },
  );
  const assessed = toQuality(report);
  const [days, coveredNow, coveredBefore, latencyNow, latencyBefore, incidents, actions] =
    await Promise.all([
      countsByDay(deps.pool, ids, tiles),
      hoursWithData(deps.pool, ids, elapsed.cur.from, elapsed.cur.to),
      hoursWithData(deps.pool, ids, elapsed.prev.from, elapsed.prev.to),
      deps.latencyCells.tally(
        deps.pool,
        latencyResolution,
        latencyTargets,
        window.from,
        window.to,
        assessed.watermark,
      ),
      deps.latencyCells.tally(
        deps.pool,
        latencyResolution,
        latencyTargets,
        previous.from,
        previous.to,
        assessed.watermark,
      ),
      searchIncidents(deps.pool, segments, previous.from, alertsAt),
      actionsProposedBetween(
        deps.pool,
        previous.from - INCIDENT_RULES.searchMarginMs,
        alertsAt + 1,
      ),
    ]);

  const sums = new Map<string, Counts>();
  const daily = new Map<string, Counts>();
  for (const row of days) {
    const key = `${row.label}:${row.segmentId}`;
    const sum = sums.get(key) ?? zero();
    sum.requests += row.requests;
    sum.errors += row.errors;
    sums.set(key, sum);
    if (row.label === 'cur') {
      const dayKey = `${row.segmentId}:${row.dayTs}`;
      const day = daily.get(dayKey) ?? zero();
      day.requests += row.requests;
      day.errors += row.errors;
      daily.set(dayKey, day);
    }
  }
  const sumOf = (label: string, id: number) => sums.get(`${label}:${id}`) ?? zero();
  const coverage = (label: 'cur' | 'prev', id: number) =>
    label === 'cur'
      ? coverageOf(window, now, coveredNow.get(id) ?? 0)
      : coverageOf(previous, now, coveredBefore.get(id) ?? 0);
  const dayStarts: number[] = [];
  for (let day = Math.floor(window.from / DAY) * DAY; day < window.to; day += DAY)
    dayStarts.push(day);

  const segmentTrends: SegmentTrend[] = segments.map((segment) => {
    const own = incidents.filter((i) => i.segmentId === segment.id);
    const common = { incidents: own, actions, alertsAt, latencyResolution };
    const points = dayStarts.map((ts) => ({
      ts,
      endTs: Math.min(ts + DAY, window.to),
      ...(daily.get(`${segment.id}:${ts}`) ?? zero()),
    }));
    const burnWindows = Object.fromEntries(
      BURN_WINDOW_NAMES.map((name) => [name, sumOf(name, segment.id)]),
    ) as Record<BurnWindow, Counts>;
    const current = periodFigures(segment, {
      ...common,
      window,
      counts: sumOf('cur', segment.id),
      latency: latencyNow.get(segment.id),
      coverage: coverage('cur', segment.id),
    });
    const before = periodFigures(segment, {
      ...common,
      window: previous,
      counts: sumOf('prev', segment.id),
      latency: latencyBefore.get(segment.id),
      coverage: coverage('prev', segment.id),
    });
    // The coverage rule: a thin previous period is "not enough history to compare", never a better/worse.
    const verdict = comparePeriods(current.coverage, before.coverage);
    return {
      slug: segment.slug,
      name: segment.name,
      owner: segment.owner,
      slo: { availability: segment.sloAvailability, latencyP95Ms: segment.sloLatencyP95Ms },
      current,
      previous: before,
      comparison: { ...verdict, deltas: periodDeltas(current, before, verdict.comparable) },
      daily: points.map((p) => ({
        ts: p.ts,
        requests: p.requests,
        errors: p.errors,
        availability: availability(p.errors, p.requests),
      })),
      burnDown: burnDown(points, segment.sloAvailability),
      alerts: evaluateBurnAlerts(burnWindows, segment.sloAvailability),
    };
  });

  const slugs = new Map(segments.map((s) => [s.id, s.slug]));
  const listed: Incident[] = incidents
    .filter((i) => i.end > window.from && i.start < window.to)
    .sort((a, b) => b.start - a.start)
    .map((i) => ({
      segment: slugs.get(i.segmentId) ?? String(i.segmentId),
      start: i.start,
      end: i.end,
      durationMs: i.end - i.start,
      ongoing: i.ongoing,
      breachMinutes: i.breachMinutes,
      requests: i.requests,
      errors: i.errors,
      actions: actionsWithin(actions, i.segmentId, i.start, i.ongoing ? alertsAt : i.end),
    }));

  return {
    computedAt: now,
    quality: withThinHistory(assessed, thinHistoryReason(segmentTrends, previous)),
    trends: {
      period: request.period,
      window,
      previousWindow: previous,
      alertsAt,
      segments: segmentTrends,
      incidents: listed,
      actions: {
        weeks: actionWeeks(actions, window),
        current: outcomeTotals(actions, window),
        previous: outcomeTotals(actions, previous),
      },
    },
  };
}
