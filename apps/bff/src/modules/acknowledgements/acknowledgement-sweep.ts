import { databaseNow } from '../../db/db-clock.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { clearAcknowledgement, listActiveAcknowledgements } from './acknowledgements.repository.ts';
import {
  auditSubject,
  judgeScopesOf,
  verdictFor,
  type AcknowledgementsDeps,
} from './acknowledgements.service.ts';

/** Who clears an acknowledgement when its incident is over: the same name the action sweeper uses. */
export const SYSTEM_ACTOR = 'system';

/**
 * One pass: clears (reason `resolved`) every active acknowledgement whose scope's live health is
 * OK again, each with its audit record in the same transaction. The clear is conditional on the
 * row still being active and older than the verdict, so several BFF processes may sweep at once
 * and each acknowledgement is cleared, and audited, exactly once. Returns how many it cleared.
 */
export async function sweepAcknowledgements(deps: AcknowledgementsDeps): Promise<number> {
  const acks = await listActiveAcknowledgements(deps.pool);
  if (acks.length === 0) return 0;
  const judgedAt = await databaseNow(deps.pool);
  const live = await judgeScopesOf(deps.pool, acks, judgedAt);
  let cleared = 0;
  for (const ack of acks) {
    if (verdictFor(live, ack.scope.kind, ack.scopeId)?.status !== 'ok') continue;
    const won = await withTransaction(deps.pool, async (conn) => {
      const at = await databaseNow(conn);
      if (!(await clearAcknowledgement(conn, ack.id, 'resolved', at, judgedAt))) return false;
      await appendAudit(conn, {
        actor: SYSTEM_ACTOR,
        event: 'incident.acknowledgement_cleared',
        subject: auditSubject(ack.scope),
        payload: {
          comment: ack.comment,
          acknowledgedBy: ack.by.username,
          acknowledgedAt: ack.acknowledgedAt,
          reason: 'resolved',
        },
      });
      return true;
    });
    if (won) cleared += 1;
  }
  return cleared;
}

/** Sweeps on a timer; returns a stop function. Errors are logged and the next pass retries. */
export function startAcknowledgementSweeper(
  deps: AcknowledgementsDeps & { logger?: Logger },
  everyMs = 15_000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepAcknowledgements(deps)
      .catch((error: unknown) => deps.logger?.error({ err: error }, 'acknowledgement sweep failed'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
