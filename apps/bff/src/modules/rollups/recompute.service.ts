import { RESOLUTIONS, bucketStart, type Resolution } from '@watchfloor/shared/metrics/resolution';
import type { PoolConnection } from '../../db/pool.ts';
import type { EntityIndex } from './entity-index.ts';
import {
  FLEET_SCOPE_ID,
  SCOPE_ENTITY,
  SCOPE_FLEET,
  SCOPE_SEGMENT,
  emptyAggregate,
  mergeAggregate,
  type RollupAggregate,
  type ScopeKind,
} from './rollup-aggregate.ts';
import {
  aggregateRawGroups,
  deleteRollup,
  readRawEntityGroups,
  readRollups,
  upsertRollups,
} from './rollup.repository.ts';
import {
  rawMinuteCells,
  recomputeHourCells,
  recomputeSegmentMinuteCells,
  replaceNeededBuckets,
} from './breakdown-recompute.ts';
import type { BreakdownCell } from './breakdown-cell.ts';
import { packMinuteStrip } from './minute-strip.ts';
import { addNeeded, planSpanReads } from './span-plan.ts';

type Needed = Map<number, Set<number>>;

/**
 * Recomputes every bucket the given entity-minutes feed, at every resolution and scope, from the
 * level below: entity minutes from raw events, segment minutes from entity minutes, hours from
 * minutes, days from hours. Buckets are replaced, never incremented, and a bucket left without
 * data is deleted, so running this twice or after a crash gives the same rollups. The kind and
 * error-class breakdown of entity and segment minutes and hours is replaced alongside.
 * Returns the number of buckets written or deleted.
 */
export async function recomputeEntityMinutes(
  conn: PoolConnection,
  index: EntityIndex,
  entityMinutes: Needed,
): Promise<number> {
  await index.ensure(conn, entityMinutes.keys());
  let written = await recomputeEntityMinutesFromRaw(conn, entityMinutes);

  const segmentMinutes: Needed = new Map();
  for (const [entityId, minutes] of entityMinutes) {
    const segmentId = index.segmentOf(entityId);
    if (segmentId !== undefined)
      for (const minute of minutes) addNeeded(segmentMinutes, segmentId, minute);
  }
  written += await recomputeMinutesFromChildren(
    conn,
    { kind: SCOPE_SEGMENT, childKind: SCOPE_ENTITY, childIds: (id) => index.entitiesOf(id) },
    segmentMinutes,
  );
  await recomputeSegmentMinuteCells(conn, segmentMinutes, (id) => index.entitiesOf(id));
  const fleetMinutes: Needed = new Map([
    [FLEET_SCOPE_ID, new Set([...segmentMinutes.values()].flatMap((minutes) => [...minutes]))],
  ]);
  // The fleet minute is the sum of every segment's minute, read back inside the same transaction.
  written += await recomputeMinutesFromChildren(
    conn,
    { kind: SCOPE_FLEET, childKind: SCOPE_SEGMENT, childIds: () => index.allSegmentIds() },
    fleetMinutes,
  );

  for (const [scopeKind, minutes] of [
    [SCOPE_ENTITY, entityMinutes],
    [SCOPE_SEGMENT, segmentMinutes],
    [SCOPE_FLEET, fleetMinutes],
  ] as const) {
    const hours = coarsen(minutes, '1h');
    written += await recomputeCoarse(conn, scopeKind, '1m', '1h', hours);
    // Breakdown hours, like its minutes, exist for entities and segments only.
    if (scopeKind !== SCOPE_FLEET) await recomputeHourCells(conn, scopeKind, hours);
    written += await recomputeCoarse(conn, scopeKind, '1h', '1d', coarsen(hours, '1d'));
  }
  return written;
}

async function recomputeEntityMinutesFromRaw(
  conn: PoolConnection,
  needed: Needed,
): Promise<number> {
  const computed: RollupAggregate[] = [];
  const missing: [number, number][] = [];
  const cells: BreakdownCell[] = [];
  for (const read of planSpanReads(needed, RESOLUTIONS['1m'])) {
    const groups = await readRawEntityGroups(conn, read.scopeIds, read.fromTs, read.toTs);
    const fromRaw = aggregateRawGroups(groups);
    cells.push(...(await rawMinuteCells(conn, read, groups)));
    for (const entityId of read.scopeIds) {
      for (const minute of needed.get(entityId) ?? []) {
        if (minute < read.fromTs || minute >= read.toTs) continue;
        const agg = fromRaw.get(`${entityId}:${minute}`);
        if (agg) computed.push(agg);
        else missing.push([entityId, minute]);
      }
    }
  }
  await replaceNeededBuckets(conn, '1m', SCOPE_ENTITY, needed, cells);
  return write(conn, '1m', SCOPE_ENTITY, computed, missing);
}

/**
 * Minutes of a segment or the fleet, each the merge of its children's minutes at the scope below
 * (a segment's entities, the fleet's segments) read back inside the same transaction.
 */
async function recomputeMinutesFromChildren(
  conn: PoolConnection,
  scope: { kind: ScopeKind; childKind: ScopeKind; childIds: (scopeId: number) => number[] },
  needed: Needed,
): Promise<number> {
  const computed: RollupAggregate[] = [];
  const missing: [number, number][] = [];
  for (const [scopeId, minutes] of needed) {
    const childIds = scope.childIds(scopeId);
    const merged = new Map<number, RollupAggregate>();
    for (const read of planSpanReads(new Map([[scopeId, minutes]]), RESOLUTIONS['1m'])) {
      for (const child of await readRollups(
        conn,
        '1m',
        scope.childKind,
        childIds,
        read.fromTs,
        read.toTs,
      )) {
        if (!minutes.has(child.bucketTs)) continue;
        const agg =
          merged.get(child.bucketTs) ?? emptyAggregate(scope.kind, scopeId, child.bucketTs);
        merged.set(child.bucketTs, mergeAggregate(agg, child));
      }
    }
    for (const minute of minutes) {
      const agg = merged.get(minute);
      if (agg) computed.push(agg);
      else missing.push([scopeId, minute]);
    }
  }
  return write(conn, '1m', scope.kind, computed, missing);
}

async function recomputeCoarse(
  conn: PoolConnection,
  scopeKind: ScopeKind,
  fine: Resolution,
  coarse: Resolution,
  needed: Needed,
): Promise<number> {
  const size = RESOLUTIONS[coarse];
  const computed: RollupAggregate[] = [];
  const missing: [number, number][] = [];
  // An hour keeps its minutes' points too (children arrive in time order per scope).
  const keepChildren = coarse === '1h';
  for (const read of planSpanReads(needed, size, 2)) {
    const merged = new Map<string, RollupAggregate>();
    const children = new Map<string, RollupAggregate[]>();
    for (const child of await readRollups(
      conn,
      fine,
      scopeKind,
      read.scopeIds,
      read.fromTs,
      read.toTs,
    )) {
      const bucket = bucketStart(child.bucketTs, coarse);
      const key = `${child.scopeId}:${bucket}`;
      const agg = merged.get(key) ?? emptyAggregate(scopeKind, child.scopeId, bucket);
      merged.set(key, mergeAggregate(agg, child));
      if (keepChildren) {
        const list = children.get(key);
        if (list) list.push(child);
        else children.set(key, [child]);
      }
    }
    for (const scopeId of read.scopeIds) {
      for (const bucket of needed.get(scopeId) ?? []) {
        if (bucket < read.fromTs || bucket >= read.toTs) continue;
        const key = `${scopeId}:${bucket}`;
        const agg = merged.get(key);
        if (agg && keepChildren)
          agg.minutePoints = packMinuteStrip(bucket, children.get(key) ?? []);
        if (agg) computed.push(agg);
        else missing.push([scopeId, bucket]);
      }
    }
  }
  return write(conn, coarse, scopeKind, computed, missing);
}

async function write(
  conn: PoolConnection,
  resolution: Resolution,
  scopeKind: ScopeKind,
  computed: RollupAggregate[],
  missing: [number, number][],
): Promise<number> {
  await upsertRollups(conn, resolution, computed);
  for (const [scopeId, bucket] of missing)
    await deleteRollup(conn, resolution, scopeKind, scopeId, bucket);
  return computed.length + missing.length;
}

function coarsen(needed: Needed, resolution: Resolution): Needed {
  const out: Needed = new Map();
  for (const [scopeId, buckets] of needed)
    for (const bucket of buckets) addNeeded(out, scopeId, bucketStart(bucket, resolution));
  return out;
}
