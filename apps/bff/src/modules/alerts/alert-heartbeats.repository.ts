import { z } from 'zod';
import type { Queryable } from '../../db/pool.ts';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import { firstRow, numeric } from '../../db/row-values.ts';

/** Records that the heartbeat alert `name` arrived now (database clock). */
export async function touchHeartbeat(conn: Queryable, name: string): Promise<void> {
  await conn.query(
    `INSERT INTO alert_heartbeats (name, first_received_at, last_received_at)
     VALUES (?, ${DB_NOW_MS}, ${DB_NOW_MS})
     ON DUPLICATE KEY UPDATE last_received_at = GREATEST(last_received_at, VALUES(last_received_at))`,
    [name],
  );
}

/** When a heartbeat last arrived and how long ago that is, both by the database clock. */
export interface HeartbeatSeen {
  lastReceivedAt: number;
  silentForMs: number;
}

const RowSchema = z.object({ last_received_at: numeric, silent_ms: numeric });

/** The heartbeat `name` as last seen, or null when it never arrived. */
export async function lastHeartbeat(conn: Queryable, name: string): Promise<HeartbeatSeen | null> {
  const [rows] = await conn.query(
    `SELECT last_received_at, ${DB_NOW_MS} - last_received_at AS silent_ms
       FROM alert_heartbeats WHERE name = ?`,
    [name],
  );
  return firstRow(rows, (row) => {
    const parsed = RowSchema.parse(row);
    return { lastReceivedAt: parsed.last_received_at, silentForMs: parsed.silent_ms };
  });
}
