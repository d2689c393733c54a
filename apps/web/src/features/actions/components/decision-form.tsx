import { useId, useState } from 'react';
import type { Ability } from '@watchfloor/shared/actions/detail';
import { useApproveAction } from '../api/approve-action.ts';
import { useRejectAction } from '../api/reject-action.ts';
import { ProposalRefusal } from './proposal-refusal.tsx';

interface Props {
  actionId: number;
  approve: Ability | undefined;
  reject: Ability | undefined;
}

function reasonOf(ability: Ability | undefined): string | null {
  if (!ability) return 'not offered for this action';
  return ability.allowed ? null : ability.reasons.join('; ') || 'not allowed';
}

/** Approve or reject with a comment; a button the user may not use is disabled and says why. */
export function DecisionForm({ actionId, approve, reject }: Props) {
  const [comment, setComment] = useState('');
  const approveMutation = useApproveAction(actionId);
  const rejectMutation = useRejectAction(actionId);
  const ids = { comment: useId(), approve: useId(), reject: useId() };
  const approveReason = reasonOf(approve);
  const rejectReason = reasonOf(reject);
  const busy = approveMutation.isPending || rejectMutation.isPending;
  return (
    <div className="decision" role="group" aria-label={`Decide action ${actionId}`}>
      <label htmlFor={ids.comment}>Comment (required to reject)</label>
      <textarea id={ids.comment} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="decision__buttons">
        <button type="button" className="button button--primary" disabled={approveReason !== null || busy} aria-describedby={approveReason ? ids.approve : undefined} onClick={() => approveMutation.mutate(comment)}>
          Approve
        </button>
        {approveReason && <span id={ids.approve} className="muted" data-testid="approve-reason">Approve unavailable: {approveReason}</span>}
        <button type="button" className="button" disabled={rejectReason !== null || busy || comment.trim() === ''} aria-describedby={rejectReason ? ids.reject : undefined} onClick={() => rejectMutation.mutate(comment)}>
          Reject
        </button>
        {rejectReason && <span id={ids.reject} className="muted" data-testid="reject-reason">Reject unavailable: {rejectReason}</span>}
      </div>
      {approveMutation.error && <ProposalRefusal error={approveMutation.error} what="The approval" />}
      {rejectMutation.error && <ProposalRefusal error={rejectMutation.error} what="The rejection" />}
    </div>
  );
}
