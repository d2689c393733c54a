import type { Queryable } from '../db/pool.ts';
import { auditHash, GENESIS_HASH } from '../modules/audit/audit-hash.ts';

/**
 * What someone who can write the database does after editing a record: recompute every hash from
 * `fromSeq` on and move the head, so the chain is consistent again. Used by the audit tests and by
 * proof:security's tampering phase; the application itself never updates audit_log.
 */
export async function rehashAuditFrom(db: Queryable, fromSeq: number): Promise<void> {
  const [rows] = await db.query('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq', [
    fromSeq - 1,
  ]);
  const chain = rows as Record<string, string | number | null>[];
  let prevHash = fromSeq === 1 ? GENESIS_HASH : String(chain.shift()!.hash);
  for (const row of chain) {
    const fields = {
      seq: Number(row.seq),
      at: Number(row.at),
      actor: String(row.actor),
      event: String(row.event),
      subject: String(row.subject),
      actionId: row.action_id === null ? null : Number(row.action_id),
      payload: String(row.payload),
      prevHash,
    };
    prevHash = auditHash(fields);
    await db.query('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?', [
      fields.prevHash,
      prevHash,
      fields.seq,
    ]);
  }
  await db.query('UPDATE audit_head SET hash = ? WHERE id = 1', [prevHash]);
}
