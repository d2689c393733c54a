import type { AssistWindow } from '@watchfloor/shared/assist';
import type { Queryable } from '../../db/pool.ts';
import { latencySummary } from '../drilldown/scope-figures.ts';
import {
  FLEET_SCOPE_ID,
  SCOPE_ENTITY,
  SCOPE_FLEET,
  SCOPE_SEGMENT,
  type ScopeKind,
} from '../rollups/rollup-aggregate.ts';
import type { ScopeTotal } from '../rollups/scope-total.ts';
import { tileWindow } from '../rollups/window-tiles.ts';
import { readWindowTotals } from '../rollups/window-totals.repository.ts';
import type { ResolvedScope } from './assist-scope.ts';
import type { Compared, Figures, Member } from './rules/inputs.ts';

/** The asked scope's rollup scope: what its own totals, minutes and breakdown are read for. */
export function rollupScopeOf(resolved: ResolvedScope): { kind: ScopeKind; id: number } {
  if (resolved.kind === 'fleet') return { kind: SCOPE_FLEET, id: FLEET_SCOPE_ID };
  if (resolved.kind === 'segment') return { kind: SCOPE_SEGMENT, id: resolved.segment.id };
  return { kind: SCOPE_ENTITY, id: resolved.entity.id };
}

export function toFigures(total: ScopeTotal | undefined): Figures {
  return {
    events: total?.events ?? 0,
    requests: total?.requests ?? 0,
    errors: total?.errors ?? 0,
    latencyCount: total?.latencyCount ?? 0,
    latencySum: total?.latencySum ?? 0,
    p95Ms: latencySummary(total).p95Ms,
  };
}

/**
 * The scope's own figures and its members' (segments of the fleet, entities of a segment, an
 * entity's peers), in the window and the baseline, from rollup tiles covering each exactly: the
 * same totals the drill-down shows. Two statements, whatever the window.
 */
export async function readComparedFigures(
  conn: Queryable,
  resolved: ResolvedScope,
  window: AssistWindow,
  baseline: AssistWindow,
): Promise<{ self: Compared; members: Member[]; rows: number }> {
  const own = rollupScopeOf(resolved);
  const windows = [
    tileWindow(window.from, window.to),
    tileWindow(baseline.from, baseline.to),
  ] as const;
  const memberKind = resolved.kind === 'fleet' ? SCOPE_SEGMENT : SCOPE_ENTITY;
  const memberRecords =
    resolved.kind === 'fleet'
      ? resolved.segments.map((s) => ({ id: s.id, slug: s.slug, segment: undefined }))
      : resolved.entities.map((e) => ({
          id: e.id,
          slug: e.slug,
          segment: resolved.segments.find((s) => s.id === e.segmentId)?.slug,
        }));
  const [[selfNow, selfBefore], [membersNow, membersBefore]] = await Promise.all([
    readWindowTotals(conn, own.kind, [own.id], windows),
    readWindowTotals(
      conn,
      memberKind,
      memberRecords.map((m) => m.id),
      windows,
    ),
  ]);
  const members: Member[] = memberRecords.map((m) => ({
    kind: memberKind === SCOPE_SEGMENT ? 'segment' : 'entity',
    slug: m.slug,
    ...(m.segment ? { segment: m.segment } : {}),
    now: toFigures(membersNow.get(m.id)),
    before: toFigures(membersBefore.get(m.id)),
  }));
  return {
    self: { now: toFigures(selfNow.get(own.id)), before: toFigures(selfBefore.get(own.id)) },
    members,
    rows: selfNow.size + selfBefore.size + membersNow.size + membersBefore.size,
  };
}
