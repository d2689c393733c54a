import type { RawEvent } from '@watchfloor/shared/events';
import type { EventKind, EventStatus } from '@watchfloor/shared/ingest';
import type { Queryable } from '../../db/pool.ts';
import { kindFromCode, statusFromCode } from '../ingest/event-codes.ts';
import type { KeysetPosition } from './cursor.ts';
import { planEventsQuery, type EventsPlan, type PlanBranch } from './events-plan.ts';

export interface EventsFilter {
  scope: { column: 'entity_id' | 'segment_id'; id: number };
  from: number;
  to: number;
  status?: EventStatus;
  kind?: EventKind;
  errorClass?: string;
  after?: KeysetPosition;
  limit: number;
}

interface EventDbRow {
  id: number;
  event_id: string;
  ts: number;
  kind: number;
  status: number;
  error_class: string | null;
  latency_ms: number | null;
  value: number | null;
  message: string | null;
  attrs: string | null;
  trace_id: string | null;
  segment: string;
  entity: string;
}

/** A raw event with its row id (the keyset's tie-breaker). */
export type RawEventRow = RawEvent & { rowId: number };

const toRawEvent = (r: EventDbRow): RawEventRow => ({
  rowId: Number(r.id),
  id: r.event_id,
  ts: Number(r.ts),
  segment: r.segment,
  entity: r.entity,
  kind: kindFromCode(r.kind),
  status: statusFromCode(r.status),
  errorClass: r.error_class,
  latencyMs: r.latency_ms,
  value: r.value,
  message: r.message,
  attrs: r.attrs ? (JSON.parse(r.attrs) as RawEvent['attrs']) : null,
  traceId: r.trace_id,
  traceUrl: null,
});

/** The columns before `ts` a branch pins, in index order (the error class leads its own index). */
function branchSql(
  plan: EventsPlan,
  branch: PlanBranch,
  filter: EventsFilter,
): { sql: string; params: (string | number)[] } {
  const where = [`${filter.scope.column} = ?`];
  const params: (string | number)[] = [filter.scope.id];
  if (branch.errorClass !== undefined) {
    where.push('error_class = ?');
    params.push(branch.errorClass);
  }
  if (branch.status !== undefined) {
    where.push('status = ?');
    params.push(branch.status);
  }
  if (branch.kind !== undefined) {
    where.push('kind = ?');
    params.push(branch.kind);
  }
  where.push('ts >= ?', 'ts < ?');
  params.push(filter.from, filter.to);
  if (filter.after) {
    where.push('(ts < ? OR (ts = ? AND id < ?))');
    params.push(filter.after.ts, filter.after.ts, filter.after.id);
  }
  params.push(filter.limit);
  return {
    // plan.index is one of events-plan.ts's constants, never input.
    sql: `SELECT id, ts FROM events FORCE INDEX (${plan.index}) WHERE ${where.join(' AND ')} ORDER BY ts DESC, id DESC LIMIT ?`,
    params,
  };
}

/**
 * Newest first within one scope and window, read through the index planEventsQuery picks: each
 * branch is a backward range on (pinned columns, ts, id) stopping after `limit` entries, the
 * branches merged by (ts, id), and only the page's rows fetched by id. The keyset is written
 * `ts < ? OR (ts = ? AND id < ?)`: MariaDB turns it into an index range, while the row-value form
 * scans like OFFSET.
 */
export async function listEvents(
  conn: Queryable,
  filter: EventsFilter,
): Promise<{ rows: RawEventRow[] }> {
  const plan = planEventsQuery(filter.scope.column, filter);
  const branches = plan.branches.map((branch) => branchSql(plan, branch, filter));
  const params = branches.flatMap((b) => b.params);
  let keys = branches[0]!.sql;
  if (branches.length > 1) {
    keys = `${branches.map((b) => `(${b.sql})`).join(' UNION ALL ')} ORDER BY ts DESC, id DESC LIMIT ?`;
    params.push(filter.limit);
  }
  const [rows] = await conn.query(
    // STRAIGHT_JOIN: the page's keys drive, each row and its slugs by primary key.
    `SELECT STRAIGHT_JOIN ev.id, ev.event_id, ev.ts, ev.kind, ev.status, ev.error_class, ev.latency_ms, ev.value, ev.message, ev.attrs, ev.trace_id, s.slug AS segment, e.slug AS entity
       FROM (${keys}) page
       JOIN events ev ON ev.id = page.id JOIN entities e ON e.id = ev.entity_id JOIN segments s ON s.id = ev.segment_id
      ORDER BY ev.ts DESC, ev.id DESC`,
    params,
  );
  return { rows: (rows as EventDbRow[]).map(toRawEvent) };
}
