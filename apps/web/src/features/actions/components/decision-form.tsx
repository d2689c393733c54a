import { useId, useState } from 'react';
import type { PreconditionResult } from '@watchfloor/shared/actions/api';
import type { Ability } from '@watchfloor/shared/actions/detail';
import type { Quality } from '@watchfloor/shared/quality';
import { useApproveAction } from '../api/approve-action.ts';
import { useRejectAction } from '../api/reject-action.ts';
import { firstReason, GuardedButton, reasonOf } from '../../../components/guarded-button.tsx';
import { ProposalRefusal } from './proposal-refusal.tsx';
import { TargetDataQuality } from './target-data-quality.tsx';

interface Props {
  actionId: number;
  approve: Ability | undefined;
  reject: Ability | undefined;
  /** The target's data quality now (the action detail's answer), shown beside the buttons. */
  targetQuality?: Quality | undefined;
  /** The policy's data_quality check now. */
  qualityCheck?: PreconditionResult | undefined;
}

/**
 * Approve or reject with a comment, beside the target's data quality now; a button the user may
 * not use is disabled and says why.
 */
export function DecisionForm({ actionId, approve, reject, targetQuality, qualityCheck }: Props) {
  const [comment, setComment] = useState('');
  const approveMutation = useApproveAction(actionId);
  const rejectMutation = useRejectAction(actionId);
  const commentId = useId();
  const busy = approveMutation.isPending || rejectMutation.isPending;
  return (
    <div className="decision" role="group" aria-label={`Decide action ${actionId}`}>
      <label htmlFor={commentId}>Comment (required to reject)</label>
      <textarea
        id={commentId}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <TargetDataQuality
        quality={targetQuality}
        judgedOver="now, over the policy's recent window"
        check={qualityCheck}
      />
      <div className="decision__buttons">
        <GuardedButton
          label="Approve"
          reason={reasonOf(approve)}
          busy={busy}
          primary
          testId="approve"
          onClick={() => approveMutation.mutate(comment)}
        />
        <GuardedButton
          label="Reject"
          reason={firstReason(
            reasonOf(reject),
            comment.trim() === '' && 'write a comment saying why it is rejected',
          )}
          busy={busy}
          testId="reject"
          onClick={() => rejectMutation.mutate(comment)}
        />
      </div>
      {approveMutation.error && (
        <ProposalRefusal error={approveMutation.error} what="The approval" />
      )}
      {rejectMutation.error && (
        <ProposalRefusal error={rejectMutation.error} what="The rejection" />
      )}
    </div>
  );
}
