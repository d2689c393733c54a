import { useId, useState } from 'react';
import type { Action } from '@watchfloor/shared/actions/api';
import type { ActionDetail } from '@watchfloor/shared/actions/detail';
import { Panel } from '../../../components/panel.tsx';
import { useCancelAction } from '../api/cancel-action.ts';
import { useRollbackAction } from '../api/rollback-action.ts';
import { GuardedButton, reasonOf } from '../../../components/guarded-button.tsx';
import { ProposalRefusal } from './proposal-refusal.tsx';

interface Props {
  action: Pick<Action, 'id' | 'state'>;
  abilities: ActionDetail['abilities'];
}

/**
 * The proposer withdraws a proposed action; anyone allowed undoes an executed, reversible one. Each
 * appears only in the state it belongs to, and is disabled with the reason when this user may not
 * use it; if the BFF refuses anyway (the action moved on meanwhile), its reason is shown.
 */
export function CancelRollbackForm({ action, abilities }: Props) {
  const [comment, setComment] = useState('');
  const cancel = useCancelAction(action.id);
  const rollback = useRollbackAction(action.id);
  const commentId = useId();
  const offersCancel = action.state === 'proposed';
  const offersRollback = action.state === 'executed';
  const busy = cancel.isPending || rollback.isPending;
  // A comment box beside buttons no one here may press would only invite typing for nothing.
  const usable =
    (offersCancel && abilities.cancel?.allowed === true) ||
    (offersRollback && abilities.rollback?.allowed === true);
  const done = cancel.data ?? rollback.data;
  const title = offersCancel || cancel.data ? 'Withdraw the proposal' : 'Undo the action';
  const outcome = done && (
    <p role="status">
      Action #{done.data.id} is now {done.data.state.replace('_', ' ')}.
    </p>
  );
  // Once it went through, the action has left the state that offered the buttons: say what happened.
  if (!offersCancel && !offersRollback) return done ? <Panel title={title}>{outcome}</Panel> : null;
  return (
    <Panel title={title}>
      <div
        className="decision"
        role="group"
        aria-label={offersCancel ? `Cancel action ${action.id}` : `Roll back action ${action.id}`}
      >
        {usable && (
          <>
            <label htmlFor={commentId}>Comment (optional, kept in the audit trail)</label>
            <textarea
              id={commentId}
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </>
        )}
        <div className="decision__buttons">
          {offersCancel && (
            <GuardedButton
              label="Cancel action"
              reason={reasonOf(abilities.cancel)}
              busy={busy}
              testId="cancel"
              onClick={() => cancel.mutate(comment)}
            />
          )}
          {offersRollback && (
            <GuardedButton
              label="Roll back"
              reason={reasonOf(abilities.rollback)}
              busy={busy}
              testId="rollback"
              onClick={() => rollback.mutate(comment)}
            />
          )}
        </div>
        {busy && <p className="loading">{cancel.isPending ? 'Cancelling…' : 'Rolling back…'}</p>}
        {outcome}
        {cancel.error && <ProposalRefusal error={cancel.error} what="The cancellation" />}
        {rollback.error && <ProposalRefusal error={rollback.error} what="The rollback" />}
      </div>
    </Panel>
  );
}
