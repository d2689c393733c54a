import { useId, useState } from 'react';
import type { Ability } from '@watchfloor/shared/actions/detail';
import { useApproveAction } from '../api/approve-action.ts';
import { useRejectAction } from '../api/reject-action.ts';
import { GuardedButton } from './guarded-button.tsx';
import { ProposalRefusal } from './proposal-refusal.tsx';

interface Props {
  actionId: number;
  approve: Ability | undefined;
  reject: Ability | undefined;
}

/** Approve or reject with a comment; a button the user may not use is disabled and says why. */
export function DecisionForm({ actionId, approve, reject }: Props) {
  const [comment, setComment] = useState('');
  const approveMutation = useApproveAction(actionId);
  const rejectMutation = useRejectAction(actionId);
  const commentId = useId();
  const busy = approveMutation.isPending || rejectMutation.isPending;
  return (
    <div className="decision" role="group" aria-label={`Decide action ${actionId}`}>
      <label htmlFor={commentId}>Comment (required to reject)</label>
      <textarea id={commentId} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="decision__buttons">
        <GuardedButton label="Approve" ability={approve} busy={busy} primary testId="approve" onClick={() => approveMutation.mutate(comment)} />
        <GuardedButton label="Reject" ability={reject} busy={busy} incomplete={comment.trim() === ''} testId="reject" onClick={() => rejectMutation.mutate(comment)} />
      </div>
      {approveMutation.error && <ProposalRefusal error={approveMutation.error} what="The approval" />}
      {rejectMutation.error && <ProposalRefusal error={rejectMutation.error} what="The rejection" />}
    </div>
  );
}
