import { z } from 'zod';
import type { Queryable } from '../../db/pool.ts';
import { allRows, camelColumns, numberOrNull, numeric, type DbRow } from '../../db/row-values.ts';
import type { DemoSegment } from './demo-scenario.ts';
import {
  ENTITY_STATES,
  FAULT_KINDS,
  type EntitySimState,
  type EntityState,
  type FaultKind,
  type SimFault,
} from './simulator-effects.ts';

export interface FaultInput {
  entityId: number;
  fault: FaultKind;
  errorClass?: string | null;
  errorRate?: number | null;
  latencyFactor?: number | null;
  targetValue?: number | null;
  rampMs?: number | null;
  startedAt: number;
  scenarioKey?: string | null;
}

export interface FaultRecord extends SimFault {
  id: number;
  entityId: number;
  segment: string;
}

export interface EntityStateRecord extends EntitySimState {
  entityId: number;
  segment: string;
}

const FaultRowSchema = z.object({
  id: numeric,
  entity_id: numeric,
  entity: z.string(),
  segment: z.string(),
  fault: z.enum(FAULT_KINDS),
  error_class: z.string().nullable(),
  error_rate: numeric.nullable(),
  latency_factor: numeric.nullable(),
  target_value: numeric.nullable(),
  ramp_ms: numeric.nullable(),
  started_at: numeric,
  cleared_at: numeric.nullable(),
});
const FaultHistoryRowSchema = FaultRowSchema.extend({ scenario_key: z.string().nullable() });

/**
 * Every fault on record, cleared ones included, with its scenario key: what an alerting system
 * watching the fleet has seen. Few rows (one per injected fault), so no paging.
 */
export async function faultHistory(
  db: Queryable,
): Promise<(FaultRecord & { scenarioKey: string | null })[]> {
  const [rows] = await db.query(
    `SELECT f.id, f.entity_id, e.slug AS entity, s.slug AS segment, f.fault, f.error_class, f.error_rate, f.latency_factor,
            f.target_value, f.ramp_ms, f.started_at, f.cleared_at, f.scenario_key
       FROM sim_faults f
       JOIN entities e ON e.id = f.entity_id
       JOIN segments s ON s.id = e.segment_id
      ORDER BY f.id`,
  );
  return allRows(rows, (raw) => camelColumns(FaultHistoryRowSchema.parse(raw)));
}

const StateRowSchema = z.object({
  id: numeric,
  slug: z.string(),
  segment: z.string(),
  state: z.string(),
  state_changed_at: numeric.nullable(),
});

/** Records a fault. Returns its id, or null when a fault with the same scenario key already exists. */
export async function injectFault(db: Queryable, input: FaultInput): Promise<number | null> {
  const [result] = await db.query(
    `INSERT IGNORE INTO sim_faults (entity_id, fault, error_class, error_rate, latency_factor, target_value, ramp_ms, started_at, scenario_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      input.entityId,
      input.fault,
      input.errorClass ?? null,
      input.errorRate ?? null,
      input.latencyFactor ?? null,
      input.targetValue ?? null,
      input.rampMs ?? null,
      input.startedAt,
      input.scenarioKey ?? null,
    ],
  );
  const { affectedRows, insertId } = result as { affectedRows: number; insertId: number };
  return affectedRows === 1 ? Number(insertId) : null;
}

/**
 * Clears the entity's active faults (optionally only some kinds) and returns how many it cleared.
 * Conditional on cleared_at IS NULL, so a retried restart is harmless and reports 0.
 */
export async function clearFaults(
  db: Queryable,
  entityId: number,
  clearedAt = Date.now(),
  kinds?: readonly FaultKind[],
): Promise<number> {
  const onlyKinds = kinds && kinds.length > 0;
  const [result] = await db.query(
    `UPDATE sim_faults SET cleared_at = ? WHERE entity_id = ? AND cleared_at IS NULL${onlyKinds ? ' AND fault IN (?)' : ''}`,
    onlyKinds ? [clearedAt, entityId, kinds] : [clearedAt, entityId],
  );
  return (result as { affectedRows: number }).affectedRows;
}

/** Uncleared faults, plus those cleared at or after `clearedSince` when given (their after-effects still show). */
export async function activeFaults(
  db: Queryable,
  options: { clearedSince?: number } = {},
): Promise<FaultRecord[]> {
  const [rows] = await db.query(
    `SELECT f.id, f.entity_id, e.slug AS entity, s.slug AS segment, f.fault, f.error_class, f.error_rate, f.latency_factor,
            f.target_value, f.ramp_ms, f.started_at, f.cleared_at
       FROM sim_faults f
       JOIN entities e ON e.id = f.entity_id
       JOIN segments s ON s.id = e.segment_id
      WHERE f.cleared_at IS NULL OR f.cleared_at >= ?
      ORDER BY f.id`,
    [options.clearedSince ?? Number.MAX_SAFE_INTEGER],
  );
  return allRows(rows, (raw): FaultRecord => camelColumns(FaultRowSchema.parse(raw)));
}

const knownState = (value: string): EntityState =>
  (ENTITY_STATES as readonly string[]).includes(value) ? (value as EntityState) : 'active';

/** Every registered entity's operational state, keyed by slug. */
export async function entityStates(db: Queryable): Promise<Map<string, EntityStateRecord>> {
  const [rows] = await db.query(
    'SELECT e.id, e.slug, s.slug AS segment, e.state, e.state_changed_at FROM entities e JOIN segments s ON s.id = e.segment_id',
  );
  const states = new Map<string, EntityStateRecord>();
  for (const row of allRows(rows, StateRowSchema.parse)) {
    states.set(row.slug, {
      entityId: row.id,
      segment: row.segment,
      state: knownState(row.state),
      changedAt: row.state_changed_at,
    });
  }
  return states;
}

/**
 * Timestamp of the newest stored event, or null when there is none: one index probe per entity
 * (events has no index led by ts).
 */
export async function newestEventTs(db: Queryable): Promise<number | null> {
  const [rows] = await db.query(
    'SELECT MAX(newest) AS ts FROM (SELECT (SELECT MAX(ts) FROM events WHERE entity_id = e.id) AS newest FROM entities e) latest',
  );
  return numberOrNull((rows as DbRow[])[0]?.ts);
}

/** Sets a registered segment's display metadata and SLO targets; returns false if it is not registered. */
export async function updateSegmentMetadata(db: Queryable, segment: DemoSegment): Promise<boolean> {
  const [result] = await db.query(
    'UPDATE segments SET name = ?, owner = ?, slo_availability = ?, slo_latency_p95_ms = ? WHERE slug = ?',
    [segment.name, segment.owner, segment.sloAvailability, segment.sloLatencyP95Ms, segment.slug],
  );
  return (result as { affectedRows: number; changedRows?: number }).affectedRows === 1;
}
