import type { Quality, QualityReasonCode, QualityState } from '@watchfloor/shared/quality';
import type { Pool } from '../../../db/pool.ts';
import type { QualityThresholds } from '../../quality/quality-rules.ts';
import type { AlertingConfig } from '../../alerts/alerting-config.ts';
import { assessQuality, toQuality, type QualityScope } from '../../quality/quality.service.ts';

export interface TargetQuality {
  state: QualityState;
  reasons: string[];
  /** The reason codes with their severities, so a policy can exempt some for some types. */
  findings: { code: QualityReasonCode; severity: QualityState }[];
  /** The full block, for a response envelope. */
  report: Quality;
}

/** Target quality computations in flight, per pool: callers judging the same target at once share one. */
const inFlight = new WeakMap<object, Map<string, Promise<TargetQuality>>>();

/**
 * The data quality of the target over the policy's recent window, by the same model every screen
 * uses: its own silence, pending data and gaps, and the pipeline. A partial newest minute has
 * severity ok, so it never blocks. Concurrent callers for the same target (racing approvals or
 * executions) share the computation in flight — never a finished one, so every decision reads
 * quality at least as new as its own request. Read before a transaction opens: it uses the pool,
 * never a transaction's connection.
 */
interface TargetQualityDeps {
  pool: Pool;
  thresholds?: QualityThresholds;
  alerting?: Partial<AlertingConfig>;
}

export function targetQuality(
  deps: TargetQualityDeps,
  scope: QualityScope,
  windowMinutes: number,
): Promise<TargetQuality> {
  let running = inFlight.get(deps.pool);
  if (!running) inFlight.set(deps.pool, (running = new Map()));
  const key = `${scope.kind}:${scope.kind === 'fleet' ? 0 : scope.id}:${windowMinutes}`;
  const shared = running.get(key);
  if (shared) return shared;
  const computed = computeTargetQuality(deps, scope, windowMinutes).finally(() =>
    running.delete(key),
  );
  running.set(key, computed);
  return computed;
}

async function computeTargetQuality(
  deps: TargetQualityDeps,
  scope: QualityScope,
  windowMinutes: number,
): Promise<TargetQuality> {
  const now = Date.now();
  const report = await assessQuality(
    { pool: deps.pool, thresholds: deps.thresholds, alerting: deps.alerting, now: () => now },
    { window: { from: now - windowMinutes * 60_000, to: now }, scope },
  );
  return {
    state: report.state,
    reasons: report.reasons.filter((r) => r.severity !== 'ok').map((r) => r.message),
    findings: report.reasons.map((r) => ({ code: r.code, severity: r.severity })),
    report: toQuality(report),
  };
}
