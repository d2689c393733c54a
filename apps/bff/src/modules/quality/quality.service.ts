import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import { worstQualityState, type Quality, type QualityReport } from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { Pool } from '../../db/pool.ts';
import { listEntities, type EntityRecord } from '../fleet/fleet.repository.ts';
import { latestReconciliation } from '../rollups/reconcile.repository.ts';
import { databaseOutagesSince, recentRuns } from '../rollups/worker-runs.repository.ts';
import type { AlertingConfig } from '../alerts/alerting-config.ts';
import { activeBackfills } from '../backfill/backfill.repository.ts';
import { readAlertHeartbeat } from './alert-pipeline-reason.ts';
import { pipelineReasons, type PipelineState } from './pipeline-reasons.ts';
import { pendingSummary, pipelineVersion } from './quality.repository.ts';
import {
  DEFAULT_PENDING_GRACE_SECONDS,
  DEFAULT_THRESHOLDS,
  type QualityThresholds,
} from './quality-rules.ts';
import { readScopeSignals, scopeFacts, type ScopeRef } from './scope-facts.ts';
import { scopeVerdict, type SilentMember } from './scope-reasons.ts';
import type { SharedReads } from './shared-reads.ts';
import { findSilentEntities, type Silence } from './silence.ts';
import { clusterReasons } from '../cluster/cluster-reason.ts';

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
  /** Which heartbeat alert proves the alert pipeline alive, and for how long it may be quiet. */
  alerting?: Partial<AlertingConfig>;
}

/** The scope a verdict is about: the whole fleet, one segment with its entities, or one entity. */
export type QualityScope =
  | { kind: 'fleet'; entities?: readonly Pick<EntityRecord, 'id' | 'slug' | 'state'>[] }
  | {
      kind: 'segment';
      id: number;
      slug: string;
      entities: readonly Pick<EntityRecord, 'id' | 'slug' | 'state'>[];
    }
  | { kind: 'entity'; id: number; slug: string; state: string };

export interface QualityRequest {
  window: TimeWindow;
  /** Absent: the whole fleet. */
  scope?: QualityScope;
  /** The viewed scope's one-minute buckets over the window, when the view reads them anyway. */
  scopeMinutes?: Promise<readonly { bucketTs: number; events: number }[]>;
  /** Silence of the scope's entities at the window's end, when the view judges it anyway. */
  silence?: Promise<Map<number, Silence>>;
  /** The pipeline state, when the view reads it anyway. */
  pipeline?: Promise<PipelineState>;
}

/** The fleet-wide pipeline state, shared between concurrent requests while it is unchanged. */
export async function readPipeline(deps: QualityDeps, now: number): Promise<PipelineState> {
  const load = async (): Promise<PipelineState> => {
    const [pendingAll, runs, reconciliation, outages, alertHeartbeat, backfills] =
      await Promise.all([
        pendingSummary(deps.pool),
        recentRuns(deps.pool, 3),
        latestReconciliation(deps.pool),
        databaseOutagesSince(deps.pool, now - OUTAGE_MEMORY_MS),
        readAlertHeartbeat(deps.pool, deps.alerting),
        activeBackfills(deps.pool),
      ]);
    return { pendingAll, runs, reconciliation, outages, alertHeartbeat, backfills };
  };
  if (!deps.shared) return load();
  return deps.shared.get('pipeline', await pipelineVersion(deps.pool), load);
}

export function pendingGraceMs(thresholds: QualityThresholds): number {
  return (thresholds.pendingGraceSeconds ?? DEFAULT_PENDING_GRACE_SECONDS) * 1000;
}

/** Silent entities as the scope's members, named by slug. */
export function silentMembers(
  entities: readonly Pick<EntityRecord, 'id' | 'slug'>[],
  silence: ReadonlyMap<number, Silence>,
): SilentMember[] {
  return entities.flatMap((e) => {
    const s = silence.get(e.id);
    return s ? [{ slug: e.slug, silence: s }] : [];
  });
}

/**
 * How far the data behind one scope and window can be trusted, by one model for every screen and
 * every action precondition: the pipeline (lag, worker, outages, reconciliation) and the scope's
 * own pending data, silence, gaps and coverage. See docs/quality.md.
 */
export async function assessQuality(
  deps: QualityDeps,
  request: QualityRequest,
): Promise<QualityReport> {
  // The view's own reads arrive as promises this check may never reach when another read fails
  // first: mark them handled here, so their failure stays the view's to report and never becomes
  // an unhandled rejection that takes the process down (a frozen database fails them all).
  for (const input of [request.scopeMinutes, request.silence, request.pipeline])
    void input?.catch(() => undefined);
  const thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  const now = deps.now?.() ?? Date.now();
  const { window } = request;
  const scope = request.scope ?? { kind: 'fleet' };
  const windowEnd = Math.min(window.to, now);
  const members =
    scope.kind === 'fleet'
      ? (scope.entities ?? (await listEntities(deps.pool)))
      : scope.kind === 'segment'
        ? scope.entities
        : [{ id: scope.id, slug: scope.slug, state: scope.state }];
  const entityIds = scope.kind === 'fleet' ? undefined : members.map((e) => e.id);
  const factsRequest = {
    window,
    now,
    thresholds,
    pendingGraceMs: pendingGraceMs(thresholds),
    entityIds,
    scopeMinutes: request.scopeMinutes,
  };
  const [pipeline, silence, signals] = await Promise.all([
    request.pipeline ?? readPipeline(deps, now),
    request.silence ?? findSilentEntities(deps.pool, members, windowEnd),
    readScopeSignals(deps.pool, scope.kind, scope.kind === 'fleet' ? [] : [scope.id], factsRequest),
  ]);
  const ref: ScopeRef = {
    kind: scope.kind,
    id: scope.kind === 'fleet' ? 0 : scope.id,
    label: scope.kind === 'fleet' ? 'the fleet' : `${scope.kind} ${scope.slug}`,
    activeEntities: members.filter((e) => e.state === 'active').length,
    silent: silentMembers(members, silence),
  };
  const facts = scopeFacts(ref, signals, factsRequest);
  const own = scopeVerdict(facts);
  const shared = pipelineReasons(pipeline, thresholds, window, now, entityIds);
  // The node the figures were read from may lag the cluster; nothing for a plain server.
  const reasons = [...shared.reasons, ...own.reasons, ...clusterReasons(deps.pool)];
  const windowMinutes = Math.max(1, Math.ceil((window.to - window.from) / 60_000));
  // Minutes not yet back-filled are usually the same ones the scope's coverage already counts
  // (before its first data), so they set a floor rather than add up.
  const incomplete = Math.max(
    0,
    Math.min(
      windowMinutes,
      Math.max(own.incompleteMinutes + shared.mismatchMinutes, shared.unfilledMinutes),
    ),
  );
  const { pending } = facts;
  const quality: Quality = {
    state: worstQualityState(reasons),
    freshnessLagSeconds:
      Math.round(Math.max(shared.arrivalLagSeconds, own.eventLagSeconds) * 10) / 10,
    completeness: Math.round((1 - incomplete / windowMinutes) * 10_000) / 10_000,
    watermark: Math.min(pending?.oldestMinute ?? Number.POSITIVE_INFINITY, bucketStart(now, '1m')),
    reasons,
  };
  const { reconciliation } = pipeline;
  return {
    ...quality,
    pendingBuckets: pending?.marks ?? 0,
    lastRun: pipeline.runs[0] ?? null,
    reconciliation: reconciliation && {
      ranAt: reconciliation.ranAt,
      horizonFrom: reconciliation.horizonFrom,
      horizonTo: reconciliation.horizonTo,
      entityHoursChecked: reconciliation.checked,
      mismatches: reconciliation.mismatches.map(
        ({ entity, hourTs, rawCount, minuteCount, hourCount }) => ({
          entity,
          hour: hourTs,
          rawCount,
          minuteRollupCount: minuteCount,
          hourRollupCount: hourCount,
        }),
      ),
    },
  };
}

/** The Quality block every read response carries. */
export function toQuality(report: QualityReport): Quality {
  const { state, freshnessLagSeconds, completeness, watermark, reasons } = report;
  return { state, freshnessLagSeconds, completeness, watermark, reasons };
}
