import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { Queryable } from '../../db/pool.ts';
import {
  FLEET_SCOPE_ID,
  SCOPE_ENTITY,
  SCOPE_FLEET,
  SCOPE_SEGMENT,
  type ScopeKind,
} from '../rollups/rollup-aggregate.ts';
import {
  emptyMinuteFloor,
  findGaps,
  gapMinutesFor,
  type Gap,
  type QualityThresholds,
} from './quality-rules.ts';
import type { ScopeFacts, SilentMember } from './scope-reasons.ts';
import {
  eventsPerMinute,
  firstDataMinute,
  minuteCoverage,
} from '../rollups/scope-activity.repository.ts';
import {
  pendingByScope,
  pendingMinutesByScope,
  type PendingOfScope,
} from './pending-marks.repository.ts';

const MINUTE = 60_000;

/** One scope to judge: which rollups are its own, its entities, and which of them are silent. */
export interface ScopeRef {
  kind: 'fleet' | 'segment' | 'entity';
  /** Segment or entity id; 0 for the fleet. */
  id: number;
  label: string;
  activeEntities: number;
  silent: readonly SilentMember[];
}

const KIND_CODE: Record<ScopeRef['kind'], ScopeKind> = {
  fleet: SCOPE_FLEET,
  segment: SCOPE_SEGMENT,
  entity: SCOPE_ENTITY,
};

export interface FactsRequest {
  window: TimeWindow;
  now: number;
  thresholds: QualityThresholds;
  pendingGraceMs: number;
  /** Limits pending marks to these entities (one segment's or one entity's); absent: grouped over all. */
  entityIds?: readonly number[];
  /** The scope's own minutes over the window when the caller reads them anyway (single scope only). */
  scopeMinutes?: Promise<readonly { bucketTs: number; events: number }[]>;
}

/** What was read about scopes of one kind, before their silence is known. */
export interface ScopeSignals {
  kind: ScopeRef['kind'];
  pending: Map<number, PendingOfScope>;
  gaps: Map<number, Gap[]>;
  firstData: Map<number, number>;
  gapSpanTo: number;
}

/** The span the gap rule looks at: the window's closed minutes within the gap horizon. */
export function gapSpan(
  window: TimeWindow,
  now: number,
  thresholds: QualityThresholds,
): { fromTs: number; toTs: number } {
  const fromTs = Math.max(
    bucketStart(window.from, '1m'),
    bucketStart(now - thresholds.gapHorizonMinutes * MINUTE, '1m'),
  );
  return { fromTs, toTs: bucketStart(Math.min(window.to, now), '1m') };
}

/**
 * Reads what the quality rules need about several scopes of one kind (segment or entity ids; 0 for
 * the fleet) in a fixed number of statements, whatever their count: pending marks, minute coverage
 * (minutes are read only for scopes that may have a gap), and first data.
 */
export async function readScopeSignals(
  conn: Queryable,
  kind: ScopeRef['kind'],
  scopeIds: readonly number[],
  request: FactsRequest,
): Promise<ScopeSignals> {
  const { window, now, thresholds } = request;
  const ids = kind === 'fleet' ? [FLEET_SCOPE_ID] : scopeIds;
  const grouping = request.entityIds ? 'fleet' : kind;
  const pendingRange = {
    fromTs: window.from - (MINUTE - 1),
    toTs: window.to,
    openFrom: bucketStart(now, '1m'),
  };
  const span = gapSpan(window, now, thresholds);
  const [pending, gaps, firstData] = await Promise.all([
    pendingByScope(conn, grouping, pendingRange, request.entityIds),
    findScopeGaps(conn, kind, ids, span, request),
    firstDataMinute(conn, KIND_CODE[kind], ids, window.from),
  ]);
  return { kind, pending, gaps, firstData, gapSpanTo: span.toTs };
}

/** One scope's facts: its signals, with its silence now known. */
export function scopeFacts(
  ref: ScopeRef,
  signals: ScopeSignals,
  request: FactsRequest,
): ScopeFacts {
  const id = ref.kind === 'fleet' ? FLEET_SCOPE_ID : ref.id;
  const own: PendingOfScope | undefined = signals.pending.get(request.entityIds ? 0 : id);
  const rolledFirst = signals.firstData.get(id);
  const pendingFirst = own?.oldestMinute ?? undefined;
  const first =
    rolledFirst === undefined
      ? pendingFirst
      : pendingFirst === undefined
        ? rolledFirst
        : Math.min(rolledFirst, pendingFirst);
  const fullySilent = ref.activeEntities > 0 && ref.silent.length === ref.activeEntities;
  // Trailing emptiness of a scope whose every entity is silent is that silence, said once.
  const gaps = (signals.gaps.get(id) ?? []).filter(
    (gap) => !(fullySilent && gap.to === signals.gapSpanTo),
  );
  return {
    label: ref.label,
    kind: ref.kind,
    window: request.window,
    now: request.now,
    pendingGraceMs: request.pendingGraceMs,
    pending: own,
    activeEntities: ref.activeEntities,
    silent: ref.silent,
    gaps,
    firstData: first ?? null,
  };
}

/** Gaps per scope in the span; scopes whose every minute carries enough events are settled by one aggregate row. */
async function findScopeGaps(
  conn: Queryable,
  kind: ScopeRef['kind'],
  ids: readonly number[],
  span: { fromTs: number; toTs: number },
  request: FactsRequest,
): Promise<Map<number, Gap[]>> {
  const result = new Map<number, Gap[]>();
  const spanMinutes = (span.toTs - span.fromTs) / MINUTE;
  if (spanMinutes <= 0) return result;
  let counts: Map<number, Map<number, number>>;
  const viewed = request.scopeMinutes && ids.length === 1 ? await request.scopeMinutes : undefined;
  if (viewed) {
    const own = new Map<number, number>();
    for (const b of viewed)
      if (b.bucketTs >= span.fromTs && b.bucketTs < span.toTs && b.events > 0)
        own.set(b.bucketTs, b.events);
    counts = new Map([[ids[0]!, own]]);
  } else {
    const coverage = await minuteCoverage(conn, KIND_CODE[kind], ids, span.fromTs, span.toTs);
    // Every minute present and none below a twentieth of the busiest: no minute can be a gap.
    const settled = (id: number) => {
      const c = coverage.get(id);
      return c !== undefined && c.minutes === spanMinutes && c.least * 20 >= c.most;
    };
    const open = ids.filter((id) => !settled(id));
    counts = await eventsPerMinute(conn, KIND_CODE[kind], open, span.fromTs, span.toTs);
    for (const id of open) if (!counts.has(id)) counts.set(id, new Map());
  }
  const candidates = [...counts].filter(([, minutes]) => {
    const floor = emptyMinuteFloor(minutes);
    let full = 0;
    for (const n of minutes.values()) if (n >= floor) full += 1;
    return full < spanMinutes;
  });
  if (candidates.length === 0) return result;
  const pendingMinutes = await pendingMinutesByScope(
    conn,
    request.entityIds ? 'fleet' : kind,
    span.fromTs,
    span.toTs,
    request.entityIds,
  );
  for (const [id, minutes] of candidates) {
    const floor = emptyMinuteFloor(minutes);
    const withData = [...minutes.values()].filter((n) => n >= floor).length;
    const threshold = gapMinutesFor(withData, spanMinutes, request.thresholds.gapMinutes);
    const gaps = findGaps(
      minutes,
      pendingMinutes.get(request.entityIds ? 0 : id) ?? new Set(),
      span.fromTs,
      span.toTs,
      threshold,
      floor,
    );
    if (gaps.length > 0) result.set(id, gaps);
  }
  return result;
}
