import { z } from 'zod';

export const ACTION_STATES = [
  'proposed',
  'approved',
  'rejected',
  'expired',
  'cancelled',
  'executing',
  'executed',
  'failed',
  'rolled_back',
] as const;
export const ActionStateSchema = z.enum(ACTION_STATES);
export type ActionState = (typeof ACTION_STATES)[number];

/**
 * The one table of legal transitions. Every state change in the BFF is checked against it and made
 * with a conditional update on the `from` state, so concurrent callers produce one winner.
 */
export const ACTION_TRANSITIONS: Readonly<Record<ActionState, readonly ActionState[]>> = {
  proposed: ['approved', 'rejected', 'expired', 'cancelled'],
  approved: ['executing'],
  executing: ['executed', 'failed'],
  executed: ['rolled_back'],
  rejected: [],
  expired: [],
  cancelled: [],
  failed: [],
  rolled_back: [],
};

/** States in which an action still holds its targets: new actions on them conflict. */
export const IN_FLIGHT_STATES: readonly ActionState[] = ['proposed', 'approved', 'executing'];

export function canTransition(from: ActionState, to: ActionState): boolean {
  return ACTION_TRANSITIONS[from].includes(to);
}
