import type { QualityReason, WorkerRun } from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { ReconciliationRecord } from '../rollups/reconcile.repository.ts';
import type { DatabaseOutage } from '../rollups/worker-runs.repository.ts';
import { backfillReason } from '../backfill/backfill-reason.ts';
import type { BackfillState } from '../backfill/backfill.repository.ts';
import { alertPipelineReason, type AlertHeartbeatState } from './alert-pipeline-reason.ts';
import { utcClock } from '@watchfloor/shared/utc-text';
import type { QualityThresholds } from './quality-rules.ts';
import type { PendingSummary } from './quality.repository.ts';

/** Fleet-wide pipeline state, read once and shared by every scope judged in a request. */
export interface PipelineState {
  pendingAll: PendingSummary;
  runs: WorkerRun[];
  reconciliation: ReconciliationRecord | null;
  outages: DatabaseOutage[];
  /** The alert pipeline's heartbeat as last seen; null or absent: never seen. */
  alertHeartbeat?: AlertHeartbeatState | null;
  /** History still being back-filled (a fresh demo start); absent or empty: none. */
  backfills?: BackfillState[];
}

const secondsClock = (ts: number) => `${new Date(ts).toISOString().slice(11, 19)} UTC`;

/**
 * Reasons every scope shares: rollups lagging behind arrival, a stalled or failing worker, a
 * database outage in the window, reconciliation mismatches among the scope's entities, a
 * silent alert pipeline, and history not yet back-filled.
 */
export function pipelineReasons(
  pipeline: PipelineState,
  thresholds: QualityThresholds,
  window: TimeWindow,
  now: number,
  entityIds?: readonly number[],
): {
  reasons: QualityReason[];
  arrivalLagSeconds: number;
  mismatchMinutes: number;
  unfilledMinutes: number;
} {
  const { pendingAll, runs, reconciliation, outages } = pipeline;
  const reasons: QualityReason[] = [];
  const arrivalLagSeconds =
    pendingAll.oldestCreatedAt === null
      ? 0
      : Math.max(0, (now - pendingAll.oldestCreatedAt) / 1000);
  if (arrivalLagSeconds >= thresholds.stalledLagSeconds) {
    reasons.push({
      code: 'worker_stalled',
      severity: 'unsafe',
      message: `Rollups are ${Math.round(arrivalLagSeconds)} s behind ingest: the rollup worker has stalled, so recent figures are incomplete.`,
    });
  } else if (arrivalLagSeconds >= thresholds.degradedLagSeconds) {
    reasons.push({
      code: 'lag',
      severity: 'degraded',
      message: `Rollups are ${Math.round(arrivalLagSeconds)} s behind ingest.`,
    });
  }
  const lastRun = runs[0] ?? null;
  if (lastRun?.status === 'failed' && pendingAll.count > 0) {
    reasons.push({
      code: 'worker_failing',
      severity: 'degraded',
      message: `The last rollup run failed (${lastRun.failureClass ?? 'unknown'}); it will be retried.`,
    });
  }
  // Events sent while the database was down are here only if their senders kept and re-sent them.
  for (const outage of outages.filter((o) => o.to > window.from && o.from < window.to)) {
    reasons.push({
      code: 'database_outage',
      severity: 'degraded',
      message: `The database was unreachable from ${secondsClock(outage.from)} to ${secondsClock(outage.to)}; events sent then are included only if their senders retried them.`,
      from: outage.from,
      to: outage.to,
    });
  }
  const inScope = entityIds ? new Set(entityIds) : null;
  const mismatches = (reconciliation?.mismatches ?? []).filter(
    (m) =>
      m.hourTs + 3_600_000 > window.from &&
      m.hourTs < window.to &&
      (!inScope || inScope.has(m.entityId)),
  );
  if (mismatches.length > 0) {
    const first = mismatches[0]!;
    reasons.push({
      code: 'reconciliation_mismatch',
      severity: 'unsafe',
      message: `Rollups disagree with raw events for ${mismatches.length} entity-hour(s), first ${first.entity} at ${utcClock(first.hourTs, now)} (raw ${first.rawCount}, rolled up ${first.minuteCount}); a repair is queued.`,
      from: first.hourTs,
      to: first.hourTs + 3_600_000,
    });
  }
  const alertPipeline = alertPipelineReason(pipeline.alertHeartbeat ?? null);
  if (alertPipeline) reasons.push(alertPipeline);
  const backfill = backfillReason(pipeline.backfills ?? [], window);
  if (backfill) reasons.push(backfill.reason);
  return {
    reasons,
    arrivalLagSeconds,
    mismatchMinutes: mismatches.length * 60,
    unfilledMinutes: backfill?.unfilledMinutes ?? 0,
  };
}
