import type { RawEvent } from '@watchfloor/shared/events';
import type { EventKind, EventStatus } from '@watchfloor/shared/ingest';
import type { Queryable } from '../../db/pool.ts';
import { kindCode, kindFromCode, statusCode, statusFromCode } from '../ingest/event-codes.ts';
import type { KeysetPosition } from './cursor.ts';

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
});

/**
 * Newest first within one scope and window. The keyset is written `ts < ? OR (ts = ? AND id < ?)`:
 * MariaDB turns it into an index range, while the row-value form scans like OFFSET.
 */
export async function listEvents(
  conn: Queryable,
  filter: EventsFilter,
): Promise<{ rows: RawEventRow[] }> {
  const where = [`ev.${filter.scope.column} = ?`, 'ev.ts >= ?', 'ev.ts < ?'];
  const params: (string | number)[] = [filter.scope.id, filter.from, filter.to];
  if (filter.after) {
    where.push('(ev.ts < ? OR (ev.ts = ? AND ev.id < ?))');
    params.push(filter.after.ts, filter.after.ts, filter.after.id);
  }
  if (filter.status) {
    where.push('ev.status = ?');
    params.push(statusCode(filter.status));
  }
  if (filter.kind) {
    where.push('ev.kind = ?');
    params.push(kindCode(filter.kind));
  }
  if (filter.errorClass) {
    where.push('ev.error_class = ?');
    params.push(filter.errorClass);
  }
  params.push(filter.limit);
  const [rows] = await conn.query(
    // STRAIGHT_JOIN keeps events as the driving table: with sampled statistics MariaDB otherwise
    // starts from segments and sorts the whole segment's events for one page.
    `SELECT STRAIGHT_JOIN ev.id, ev.event_id, ev.ts, ev.kind, ev.status, ev.error_class, ev.latency_ms, ev.value, ev.message, ev.attrs, s.slug AS segment, e.slug AS entity
       FROM events ev JOIN entities e ON e.id = ev.entity_id JOIN segments s ON s.id = ev.segment_id
      WHERE ${where.join(' AND ')}
      ORDER BY ev.ts DESC, ev.id DESC LIMIT ?`,
    params,
  );
  return { rows: (rows as EventDbRow[]).map(toRawEvent) };
}
