import type { PoolConnection } from '../../../db/pool.ts';
import { conflict, notFound } from '../../../http/app-error.ts';
import { inActionTransaction } from '../store/action-transaction.ts';
import type { ActionsDeps } from '../actions-deps.ts';
import { findAction, lockAction, type ActionRecord } from '../store/actions.repository.ts';
import { lockSegment } from '../store/targets.repository.ts';
import { systemTransition } from './transitions.ts';

/** Thrown inside a decision when database time says the action has expired: the decision rolls back and expiry is recorded instead. */
export class ExpiredDuringDecision extends Error {}

/**
 * Runs a decision on a proposed action in one transaction: locks the segment (when the decision
 * evaluates blast radius) and the action row, refuses anything not proposed (409), and turns an
 * action past its expiry (database time) into `expired` and a 409 instead of deciding it.
 */
export async function decideProposed<T>(
  deps: ActionsDeps,
  id: number,
  verb: string,
  decide: (conn: PoolConnection, current: ActionRecord) => Promise<T>,
  options: { segmentId?: number } = {},
): Promise<T> {
  // Answer the plainly impossible without queueing behind a lock another request holds (e.g. a slow executor).
  const seen = await findAction(deps.pool, id);
  if (!seen) throw notFound(`Action ${id} does not exist`);
  if (seen.state !== 'proposed')
    throw conflict(`Action ${id} is ${seen.state}; only a proposed action can be ${verb}`);
  try {
    return await inActionTransaction(deps.pool, async (conn) => {
      if (options.segmentId !== undefined) await lockSegment(conn, options.segmentId);
      const state = await lockAction(conn, id);
      if (state === null) throw notFound(`Action ${id} does not exist`);
      if (state !== 'proposed')
        throw conflict(`Action ${id} is ${state}; only a proposed action can be ${verb}`);
      const current = (await findAction(conn, id))!;
      if (current.expiresAt <= current.dbNow) throw new ExpiredDuringDecision();
      return decide(conn, current);
    });
  } catch (error) {
    if (!(error instanceof ExpiredDuringDecision)) throw error;
    const record = await findAction(deps.pool, id);
    await systemTransition(deps, {
      actionId: id,
      from: 'proposed',
      to: 'expired',
      summary: {
        type: record?.type ?? 'unknown',
        target: { kind: record?.targetKind ?? 'entity', id: record?.targetSlug ?? '' },
      },
      payload: { expiresAt: record?.expiresAt ?? null },
    });
    throw conflict(
      `Action ${id} expired at ${new Date(record?.expiresAt ?? 0).toISOString()}; it can no longer be ${verb}`,
    );
  }
}

export const summaryOf = (record: ActionRecord) => ({
  type: record.type,
  target: { kind: record.targetKind, id: record.targetSlug },
});
