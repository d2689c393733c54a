import { RESOLUTIONS } from '@watchfloor/shared/metrics/resolution';
import type { PoolConnection } from '../../db/pool.ts';
import {
  mergeCells,
  okCellsFromRawGroups,
  type BreakdownCell,
  type BreakdownScopeKind,
} from './breakdown-cell.ts';
import {
  readRawErrorCells,
  replaceBreakdownBuckets,
  sumChildMinuteCells,
  sumMinuteCellsByHour,
  type BreakdownResolution,
} from './breakdown-store.repository.ts';
import { SCOPE_ENTITY, SCOPE_SEGMENT } from './rollup-aggregate.ts';
import type { RawGroup } from './rollup.repository.ts';
import { planSpanReads, type SpanRead } from './span-plan.ts';

/**
 * The breakdown side of a recompute, bucket for bucket beside the rollups and in their transaction:
 * entity minutes from raw events, segment minutes and hours as sums of entity-minute cells.
 */

type Needed = Map<number, Set<number>>;

/**
 * Entity-minute cells of one span read: ok events from the raw groups the rollups were computed
 * from, error events by class from one more grouped read of the same range.
 */
export async function rawMinuteCells(
  conn: PoolConnection,
  read: SpanRead,
  groups: readonly RawGroup[],
): Promise<BreakdownCell[]> {
  const errors = await readRawErrorCells(conn, read.scopeIds, read.fromTs, read.toTs);
  // An error without a class shares the '' cell of its kind with the ok events.
  return mergeCells([...okCellsFromRawGroups(groups), ...errors]);
}

/** Replaces exactly the needed buckets with their cells (a needed bucket without cells is emptied). */
export async function replaceNeededBuckets(
  conn: PoolConnection,
  resolution: BreakdownResolution,
  scopeKind: BreakdownScopeKind,
  needed: Needed,
  cells: readonly BreakdownCell[],
): Promise<void> {
  const buckets: [number, number][] = [];
  for (const [scopeId, set] of needed) for (const bucket of set) buckets.push([scopeId, bucket]);
  const kept = cells.filter((cell) => needed.get(cell.scopeId)?.has(cell.bucketTs) === true);
  await replaceBreakdownBuckets(conn, resolution, scopeKind, buckets, kept);
}

/** Segment minutes as the sums of their entities' minute cells, read back in this transaction. */
export async function recomputeSegmentMinuteCells(
  conn: PoolConnection,
  segmentMinutes: Needed,
  entitiesOf: (segmentId: number) => number[],
): Promise<void> {
  const cells: BreakdownCell[] = [];
  for (const [segmentId, minutes] of segmentMinutes) {
    const scope = {
      kind: SCOPE_SEGMENT,
      id: segmentId,
      childKind: SCOPE_ENTITY,
      childIds: entitiesOf(segmentId),
    } as const;
    for (const read of planSpanReads(new Map([[segmentId, minutes]]), RESOLUTIONS['1m']))
      cells.push(...(await sumChildMinuteCells(conn, scope, read.fromTs, read.toTs)));
  }
  await replaceNeededBuckets(conn, '1m', SCOPE_SEGMENT, segmentMinutes, cells);
}

/** Hours of entities or segments as the sums of their minute cells. */
export async function recomputeHourCells(
  conn: PoolConnection,
  scopeKind: BreakdownScopeKind,
  hours: Needed,
): Promise<void> {
  const cells: BreakdownCell[] = [];
  for (const read of planSpanReads(hours, RESOLUTIONS['1h'], 2))
    cells.push(
      ...(await sumMinuteCellsByHour(conn, scopeKind, read.scopeIds, read.fromTs, read.toTs)),
    );
  await replaceNeededBuckets(conn, '1h', scopeKind, hours, cells);
}
