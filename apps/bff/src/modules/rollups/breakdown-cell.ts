import type { RawGroup } from './rollup.repository.ts';

/** Scopes that carry a breakdown (migration 0019): entities and segments, not the fleet. */
export type BreakdownScopeKind = 1 | 2;

/**
 * One breakdown row as stored: a bucket's events of one kind (stored code) and error class.
 * Class '' holds the kind's ok events and its error events sent without a class.
 */
export interface BreakdownCell {
  scopeKind: BreakdownScopeKind;
  scopeId: number;
  bucketTs: number;
  kind: number;
  errorClass: string;
  events: number;
  errors: number;
  latencyCount: number;
  latencySum: number;
}

const cellKey = (c: BreakdownCell) =>
  `${c.scopeKind}:${c.scopeId}:${c.bucketTs}:${c.kind}:${c.errorClass}`;

/** Cells with the same scope, bucket, kind and class summed into one. */
export function mergeCells(cells: Iterable<BreakdownCell>): BreakdownCell[] {
  const merged = new Map<string, BreakdownCell>();
  for (const cell of cells) {
    const key = cellKey(cell);
    const into = merged.get(key);
    if (!into) {
      merged.set(key, { ...cell });
      continue;
    }
    into.events += cell.events;
    into.errors += cell.errors;
    into.latencyCount += cell.latencyCount;
    into.latencySum += cell.latencySum;
  }
  return [...merged.values()];
}

/**
 * The ok part of entity-minute breakdowns, from the raw groups the rollup itself is computed from
 * (so ok events cost no second read). Error groups are skipped: their classes come from
 * readRawErrorCells.
 */
export function okCellsFromRawGroups(groups: readonly RawGroup[]): BreakdownCell[] {
  return mergeCells(
    groups
      .filter((group) => group.status !== 1)
      .map((group) => ({
        scopeKind: 1,
        scopeId: group.entityId,
        bucketTs: group.minuteTs,
        kind: group.kind,
        errorClass: '',
        events: group.n,
        errors: 0,
        latencyCount: group.latN,
        latencySum: group.latSum,
      })),
  );
}
