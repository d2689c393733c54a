import type { Quality, QualityReason, QualityReport } from '@watchfloor/shared/quality';
import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { Pool } from '../../db/pool.ts';
import { latestReconciliation } from '../rollups/reconcile.repository.ts';
import { databaseOutagesSince, recentRuns } from '../rollups/worker-runs.repository.ts';
import { fleetEventsPerMinute, fleetMinutesWithEvents, pendingMinutes, pendingSummary, pipelineVersion } from './quality.repository.ts';
import type { SharedReads } from './shared-reads.ts';
import { DEFAULT_THRESHOLDS, clockTime, findGaps, worstState, type QualityThresholds } from './quality-rules.ts';

const secondsClock = (ts: number) => `${new Date(ts).toISOString().slice(11, 19)} UTC`;

/** How long a database outage is remembered in quality (worker runs are kept two days). */
const OUTAGE_MEMORY_MS = 24 * 3_600_000;

export interface QualityDeps {
  pool: Pool;
  thresholds?: QualityThresholds;
  now?: () => number;
  /**
   * Shares the fleet-wide reads between concurrent requests (versioned, at most a second old).
   * Read paths under load pass one; checks that gate a decision (policy) read fresh.
   */
  shared?: SharedReads;
}

export interface QualityRequest {
  window: TimeWindow;
  /** Limit to these entities (an entity or a segment's entities); absent = the whole fleet. */
  entityIds?: number[];
  /**
   * The viewed scope's one-minute buckets over the window, when the view reads them anyway. A
   * scope with events in every minute of the gap check proves the fleet had them too (fleet
   * minutes are sums of scope minutes), so the fleet's minutes need not be counted.
   */
  scopeMinutes?: Promise<readonly { bucketTs: number; events: number }[]>;
}

/** Whether the buckets hold events in every minute of [fromTs, toTs). */
async function everyMinuteHasEvents(minutes: QualityRequest['scopeMinutes'], fromTs: number, toTs: number): Promise<boolean> {
  if (!minutes) return false;
  let covered = 0;
  for (const bucket of await minutes) if (bucket.bucketTs >= fromTs && bucket.bucketTs < toTs && bucket.events > 0) covered += 1;
  return covered === (toTs - fromTs) / 60_000;
}

/**
 * How far the data behind one scope and window can be trusted. Unsafe when reconciliation found
 * rollups that disagree with raw events in the window, when the worker has stalled, or when
 * ingest has a gap; degraded when rollups lag; partial buckets are reported, not hidden.
 */
export async function assessQuality(deps: QualityDeps, request: QualityRequest): Promise<QualityReport> {
  const thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  const now = deps.now?.() ?? Date.now();
  const { window } = request;
  const scope = request.entityIds ? { entityIds: request.entityIds } : undefined;
  const [version, pendingInWindow] = await Promise.all([deps.shared ? pipelineVersion(deps.pool) : '', pendingSummary(deps.pool, window, scope)]);
  const shared = <T>(key: string, load: () => Promise<T>) => (deps.shared ? deps.shared.get(key, version, load) : load());
  const { pendingAll, runs, reconciliation, outages } = await shared('fleet', async () => {
    const [pendingAll, runs, reconciliation, outages] = await Promise.all([
      pendingSummary(deps.pool),
      recentRuns(deps.pool, 3),
      latestReconciliation(deps.pool),
      databaseOutagesSince(deps.pool, now - OUTAGE_MEMORY_MS),
    ]);
    return { pendingAll, runs, reconciliation, outages };
  });
  const reasons: QualityReason[] = [];

  const lagSeconds = pendingAll.oldestCreatedAt === null ? 0 : Math.max(0, (now - pendingAll.oldestCreatedAt) / 1000);
  if (lagSeconds >= thresholds.stalledLagSeconds) {
    reasons.push({ code: 'worker_stalled', severity: 'unsafe', message: `Rollups are ${Math.round(lagSeconds)} s behind ingest: the rollup worker has stalled, so recent figures are incomplete.` });
  } else if (lagSeconds >= thresholds.degradedLagSeconds) {
    reasons.push({ code: 'lag', severity: 'degraded', message: `Rollups are ${Math.round(lagSeconds)} s behind ingest.` });
  }
  const lastRun = runs[0] ?? null;
  if (lastRun?.status === 'failed' && pendingAll.count > 0) {
    reasons.push({ code: 'worker_failing', severity: 'degraded', message: `The last rollup run failed (${lastRun.failureClass ?? 'unknown'}); it will be retried.` });
  }

  // Events sent while the database was down are here only if their senders kept and re-sent them.
  for (const outage of outages.filter((o) => o.to > window.from && o.from < window.to)) {
    reasons.push({
      code: 'database_outage',
      severity: 'degraded',
      message: `The database was unreachable from ${secondsClock(outage.from)} to ${secondsClock(outage.to)}; events sent then are included only if their senders retried them.`,
    });
  }

  const windowEnd = Math.min(window.to, now);
  const mismatches = (reconciliation?.mismatches ?? []).filter(
    (m) => m.hourTs + 3_600_000 > window.from && m.hourTs < window.to && (!request.entityIds || request.entityIds.includes(m.entityId)),
  );
  if (mismatches.length > 0) {
    const first = mismatches[0]!;
    reasons.push({
      code: 'reconciliation_mismatch',
      severity: 'unsafe',
      message: `Rollups disagree with raw events for ${mismatches.length} entity-hour(s), first ${first.entity} at ${clockTime(first.hourTs)} (raw ${first.rawCount}, rolled up ${first.minuteCount}); a repair is queued.`,
    });
  }

  const gapFrom = Math.max(bucketStart(window.from, '1m'), bucketStart(now - thresholds.gapHorizonMinutes * 60_000, '1m'));
  const gapTo = bucketStart(windowEnd, '1m');
  let gapMinutes = 0;
  if (gapTo > gapFrom && !(await everyMinuteHasEvents(request.scopeMinutes, gapFrom, gapTo))) {
    const gaps = await shared(`gaps:${gapFrom}:${gapTo}`, () => ingestGaps(deps.pool, gapFrom, gapTo, thresholds.gapMinutes));
    for (const gap of gaps) {
      gapMinutes += (gap.to - gap.from) / 60_000;
      reasons.push({ code: 'ingest_gap', severity: 'unsafe', message: `No events were received from ${clockTime(gap.from)} to ${clockTime(gap.to)}.` });
    }
  }

  if (pendingInWindow.count > 0) {
    reasons.push({ code: 'partial', severity: 'ok', message: `${pendingInWindow.distinctMinutes} minute(s) in this window are still being rolled up and are shown as partial.` });
  }

  const windowMinutes = Math.max(1, Math.ceil((windowEnd - window.from) / 60_000));
  const mismatchMinutes = mismatches.length * 60;
  const incomplete = Math.min(windowMinutes, pendingInWindow.distinctMinutes + gapMinutes + mismatchMinutes);
  const quality: Quality = {
    state: worstState(reasons),
    freshnessLagSeconds: Math.round(lagSeconds * 10) / 10,
    completeness: Math.round((1 - incomplete / windowMinutes) * 10_000) / 10_000,
    watermark: Math.min(pendingAll.oldestMinute ?? Number.POSITIVE_INFINITY, bucketStart(now, '1m')),
    reasons,
  };
  return {
    ...quality,
    pendingBuckets: pendingInWindow.count,
    lastRun,
    reconciliation: reconciliation && {
      ranAt: reconciliation.ranAt,
      horizonFrom: reconciliation.horizonFrom,
      horizonTo: reconciliation.horizonTo,
      entityHoursChecked: reconciliation.checked,
      mismatches: reconciliation.mismatches.map(({ entity, hourTs, rawCount, minuteCount, hourCount }) => ({
        entity, hour: hourTs, rawCount, minuteRollupCount: minuteCount, hourRollupCount: hourCount,
      })),
    },
  };
}

/** Runs of minutes without fleet events; when every minute has some (the usual case) one count says so. */
async function ingestGaps(pool: Pool, fromTs: number, toTs: number, gapMinutes: number) {
  if ((await fleetMinutesWithEvents(pool, fromTs, toTs)) === (toTs - fromTs) / 60_000) return [];
  const [perMinute, pending] = await Promise.all([fleetEventsPerMinute(pool, fromTs, toTs), pendingMinutes(pool, fromTs, toTs)]);
  return findGaps(perMinute, pending, fromTs, toTs, gapMinutes);
}

/** The Quality block every read response carries. */
export function toQuality(report: QualityReport): Quality {
  const { state, freshnessLagSeconds, completeness, watermark, reasons } = report;
  return { state, freshnessLagSeconds, completeness, watermark, reasons };
}
