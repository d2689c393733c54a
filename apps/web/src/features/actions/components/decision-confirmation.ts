import { useSyncExternalStore } from 'react';
import type { Action } from '@watchfloor/shared/actions/api';
import type { TransitionVerb } from '../api/action-transition.ts';

/** What the person who just decided is told, once the card they acted on has moved on or gone. */
export interface DecisionConfirmation {
  actionId: number;
  text: string;
  /** Whether the outcome is a failure the person should look into. */
  failed: boolean;
}

const what = (action: Action) => `#${action.id} (${action.label} on ${action.target.id})`;

/** The sentence for a transition the BFF accepted, from the action as it answered. */
export function confirmationOf(verb: TransitionVerb, action: Action): DecisionConfirmation {
  const confirm = (text: string, failed = false) => ({ actionId: action.id, text, failed });
  switch (verb) {
    case 'approve':
      if (action.state === 'proposed')
        return confirm(
          `Approval recorded on ${what(action)} — ${action.approvers.length} of ${action.approvalsRequired}, waiting for another approver`,
        );
      if (action.state === 'failed')
        return confirm(
          `Approved ${what(action)} — execution failed${action.failureReason ? `: ${action.failureReason}` : ''}`,
          true,
        );
      return confirm(
        `Approved ${what(action)} — ${action.state === 'executed' ? 'executed' : 'executing'}`,
      );
    case 'reject':
      return confirm(`Rejected ${what(action)}`);
    case 'cancel':
      return confirm(`Cancelled ${what(action)}`);
    case 'rollback':
      return action.state === 'rolled_back'
        ? confirm(`Rolled back ${what(action)}`)
        : confirm(`Rollback of ${what(action)} — the action is ${action.state}`, true);
  }
}

/** The latest confirmation, shared by every card and the page chrome that shows it. */
export function createConfirmationStore() {
  let current: DecisionConfirmation | null = null;
  const listeners = new Set<() => void>();
  const set = (next: DecisionConfirmation | null) => {
    current = next;
    for (const listener of listeners) listener();
  };
  return {
    announce: (confirmation: DecisionConfirmation) => set(confirmation),
    dismiss: () => set(null),
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => current,
  };
}

export const decisionConfirmations = createConfirmationStore();

export function useDecisionConfirmation(): DecisionConfirmation | null {
  return useSyncExternalStore(
    decisionConfirmations.subscribe,
    decisionConfirmations.getSnapshot,
    decisionConfirmations.getSnapshot,
  );
}
