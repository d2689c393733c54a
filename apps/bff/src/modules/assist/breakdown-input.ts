import type { AssistWindow } from '@watchfloor/shared/assist';
import type { Queryable } from '../../db/pool.ts';
import { breakdownTotals, type BreakdownRow } from '../rollups/breakdown.repository.ts';
import type { ResolvedScope } from './assist-scope.ts';
import type { BreakdownSlice } from './rules/inputs.ts';

type SliceFigures = BreakdownSlice['now'];
const MINUTE = 60_000;
const floorMinute = (ts: number) => Math.floor(ts / MINUTE) * MINUTE;
const ceilMinute = (ts: number) => Math.ceil(ts / MINUTE) * MINUTE;
const none = (): SliceFigures => ({ events: 0, errors: 0, latencyCount: 0, latencySum: 0 });

/** The breakdown rollups' scope for the asked scope: the fleet is the sum of its segments. */
function breakdownScope(resolved: ResolvedScope): { kind: 'entity' | 'segment'; ids: number[] } {
  if (resolved.kind === 'entity') return { kind: 'entity', ids: [resolved.entity.id] };
  if (resolved.kind === 'segment') return { kind: 'segment', ids: [resolved.segment.id] };
  return { kind: 'segment', ids: resolved.segments.map((s) => s.id) };
}

/**
 * The scope's event kind × error class slices in the window and the baseline, from the breakdown
 * rollups; slices are ordered by kind then class, so one input always reads the same.
 */
export async function readBreakdown(
  conn: Queryable,
  resolved: ResolvedScope,
  window: AssistWindow,
  baseline: AssistWindow,
): Promise<{ slices: BreakdownSlice[]; rows: number }> {
  const { kind, ids } = breakdownScope(resolved);
  if (ids.length === 0) return { slices: [], rows: 0 };
  // Whole minutes, as the scope totals are read (tileWindow): the two must count the same events.
  const [now, before] = await Promise.all([
    breakdownTotals(conn, kind, ids, floorMinute(window.from), ceilMinute(window.to)),
    breakdownTotals(conn, kind, ids, floorMinute(baseline.from), ceilMinute(baseline.to)),
  ]);
  const slices = new Map<string, BreakdownSlice>();
  const add = (row: BreakdownRow, side: 'now' | 'before') => {
    const key = `${row.kind}\u0000${row.errorClass}`;
    let slice = slices.get(key);
    if (!slice)
      slices.set(
        key,
        (slice = { kind: row.kind, errorClass: row.errorClass, now: none(), before: none() }),
      );
    const figures = slice[side];
    figures.events += row.events;
    figures.errors += row.errors;
    figures.latencyCount += row.latencyCount;
    figures.latencySum += row.latencySum;
  };
  for (const row of now) add(row, 'now');
  for (const row of before) add(row, 'before');
  const ordered = [...slices.values()].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.errorClass.localeCompare(b.errorClass),
  );
  return { slices: ordered, rows: now.length + before.length };
}

const CLASSES_PER_MEMBER = 3;

/**
 * Each member's main error classes in the window (entities of a segment or an entity's peers;
 * segments of the fleet), so a finding about a member can say what is failing there. One read.
 */
export async function readMemberErrorClasses(
  conn: Queryable,
  resolved: ResolvedScope,
  window: AssistWindow,
): Promise<Map<string, { errorClass: string; errors: number }[]>> {
  const fleet = resolved.kind === 'fleet';
  const members = fleet ? resolved.segments : resolved.entities;
  const bySlug = new Map<string, { errorClass: string; errors: number }[]>();
  if (members.length === 0) return bySlug;
  const rows = await breakdownTotals(
    conn,
    fleet ? 'segment' : 'entity',
    members.map((m) => m.id),
    floorMinute(window.from),
    ceilMinute(window.to),
  );
  const slugOf = new Map(members.map((m) => [m.id, m.slug]));
  const errorsBy = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const slug = slugOf.get(row.scopeId);
    if (!slug || row.errors <= 0) continue;
    const classes = errorsBy.get(slug) ?? new Map<string, number>();
    classes.set(row.errorClass, (classes.get(row.errorClass) ?? 0) + row.errors);
    errorsBy.set(slug, classes);
  }
  for (const [slug, classes] of errorsBy)
    bySlug.set(
      slug,
      [...classes]
        .map(([errorClass, errors]) => ({ errorClass, errors }))
        .sort((a, b) => b.errors - a.errors || a.errorClass.localeCompare(b.errorClass))
        .slice(0, CLASSES_PER_MEMBER),
    );
  return bySlug;
}
