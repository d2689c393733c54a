import { ActionTypeSchema } from '@watchfloor/shared/actions/catalogue';
import { ActionTargetRefSchema } from '@watchfloor/shared/actions/api';
import type { ActionState } from '@watchfloor/shared/actions/states';
import type { NotificationType } from '@watchfloor/shared/notifications';
import type { Queryable } from '../../db/pool.ts';
import { insertNotification, type OutboxPayload } from './notification-outbox.repository.ts';

/** The facts of a transition a notification is written from (what transitions.ts already holds). */
export interface TransitionFacts {
  actionId: number;
  to: ActionState;
  actor: string;
  summary: { type: string; target: { kind: string; id: string } };
  payload?: Record<string, unknown>;
}

/** The states people are told about; others (executing, expired) change nothing anyone must do. */
const ANNOUNCED: Partial<Record<ActionState, NotificationType>> = {
  approved: 'action.approved',
  rejected: 'action.rejected',
  executed: 'action.executed',
  failed: 'action.failed',
  cancelled: 'action.cancelled',
  rolled_back: 'action.rolled_back',
};

const describe = (s: TransitionFacts['summary']) => `${s.type} on ${s.target.kind} ${s.target.id}`;
const quoted = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? `: "${value.trim()}"` : '';

/** One plain sentence a chat tool shows as is. */
function sentence(type: NotificationType, facts: TransitionFacts): string {
  const what = `Action #${facts.actionId} (${describe(facts.summary)})`;
  const comment = quoted(facts.payload?.comment);
  switch (type) {
    case 'action.proposed':
      return `${what} was proposed by ${facts.actor} and needs approval.`;
    case 'action.approved':
      return facts.payload?.autoApproved
        ? `${what} was approved automatically by policy.`
        : `${what} was approved by ${facts.actor}${comment}.`;
    case 'action.rejected':
      return `${what} was rejected by ${facts.actor}${comment}.`;
    case 'action.executed':
      return `${what} was executed.`;
    case 'action.failed':
      return `${what} failed${quoted(facts.payload?.reason)}.`;
    case 'action.cancelled':
      return `${what} was cancelled by ${facts.actor}${comment}.`;
    case 'action.rolled_back':
      return `${what} was rolled back by ${facts.actor}${comment}.`;
    case 'action.expiring':
      return `${what} expires in 5 minutes and still needs approval.`;
  }
}

function payloadOf(type: NotificationType, facts: TransitionFacts): OutboxPayload {
  return {
    type,
    action: {
      id: facts.actionId,
      type: ActionTypeSchema.parse(facts.summary.type),
      target: ActionTargetRefSchema.parse(facts.summary.target),
      state: facts.to,
    },
    text: sentence(type, facts),
  };
}

/**
 * Writes the notification a transition announces, if any, in the transition's own transaction:
 * committed with it or rolled back with it. `needsApproval` marks a proposal that waits for people
 * (an auto-approved one is announced by its approval instead).
 */
export async function enqueueTransitionNotification(
  conn: Queryable,
  facts: TransitionFacts,
  options: { needsApproval?: boolean } = {},
): Promise<void> {
  const type =
    facts.to === 'proposed'
      ? options.needsApproval
        ? 'action.proposed'
        : null
      : ANNOUNCED[facts.to];
  if (type) await insertNotification(conn, payloadOf(type, facts));
}

/** The expiry warning: once per action (the outbox's dedupe key), written by the sweeper. */
export async function enqueueExpiryWarning(
  conn: Queryable,
  facts: Omit<TransitionFacts, 'to' | 'actor'>,
): Promise<boolean> {
  const payload = payloadOf('action.expiring', { ...facts, to: 'proposed', actor: 'system' });
  return (await insertNotification(conn, payload)) !== null;
}
