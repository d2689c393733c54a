import type { Queryable } from '../../db/pool.ts';
import { enqueueExpiryWarning } from './notification-events.ts';
import { expiringWithoutWarning } from './notification-outbox.repository.ts';

/** How long before its expiry a proposal still waiting for approval is announced. */
export const EXPIRY_WARNING_MS = 5 * 60_000;
const BATCH = 100;

/**
 * Enqueues the expiry warning of every proposal now within five minutes of its expiry (database
 * time). Safe from several sweepers at once: the outbox's unique key keeps one warning per action.
 */
export async function enqueueExpiryWarnings(conn: Queryable): Promise<number> {
  let enqueued = 0;
  for (const row of await expiringWithoutWarning(conn, EXPIRY_WARNING_MS, BATCH)) {
    const written = await enqueueExpiryWarning(conn, {
      actionId: row.id,
      summary: { type: row.type, target: { kind: row.target_kind, id: row.target_slug } },
      payload: { expiresAt: row.expires_at },
    });
    if (written) enqueued += 1;
  }
  return enqueued;
}
