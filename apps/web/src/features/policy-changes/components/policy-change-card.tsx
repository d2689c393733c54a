import { useId, useState } from 'react';
import type { PolicyChange } from '@watchfloor/shared/actions/policy-changes';
import { formatDateTime } from '../../../lib/format.ts';
import { useDecidePolicyChange } from '../api/decide-policy-change.ts';
import { PolicyDiffTable } from './policy-diff-table.tsx';
import { ServerRefusal } from './server-refusal.tsx';
import { ShadowReportView } from './shadow-report-view.tsx';
import { VersionHash } from './version-hash.tsx';

interface Props {
  change: PolicyChange;
  /** Whether the signed-in user may decide policy changes (admins); the BFF decides regardless. */
  canDecide: boolean;
  username: string | null;
}

/** One pending change: what it alters, what it would have decided, who approved so far, and the decision. */
export function PolicyChangeCard({ change, canDecide, username }: Props) {
  const approvers = change.approvals.map((a) => a.approver);
  return (
    <article
      className="panel"
      data-testid="policy-change"
      aria-label={`Policy change ${change.id}`}
    >
      <header className="panel__head">
        <h3>
          Change #{change.id} to <VersionHash version={change.proposedVersion} />
        </h3>
      </header>
      <p>
        Proposed by {change.proposer} at {formatDateTime(change.createdAt)}: “{change.comment}”.
        Expires {formatDateTime(change.expiresAt)}.
      </p>
      {change.stale && (
        <p role="status" className="panel-error">
          Another version became active since this was proposed: it can no longer take effect, and
          an approval closes it as superseded. Propose it again against the active version.
        </p>
      )}
      <PolicyDiffTable diff={change.diff} />
      <ShadowReportView shadow={change.shadow} />
      <p data-testid="approval-count">
        {change.approvals.length} of {change.approvalsRequired} admins approved
        {approvers.length > 0 ? ` (${approvers.join(', ')})` : ''}.
      </p>
      {canDecide && (
        <DecisionControls
          change={change}
          own={change.proposer === username}
          already={approvers.includes(username ?? '')}
        />
      )}
    </article>
  );
}

function DecisionControls({
  change,
  own,
  already,
}: {
  change: PolicyChange;
  own: boolean;
  already: boolean;
}) {
  const [comment, setComment] = useState('');
  const decide = useDecidePolicyChange(change.id);
  const commentId = useId();
  const why = own
    ? 'You proposed this change; two other admins approve it.'
    : already
      ? 'You have approved this change.'
      : null;
  return (
    <div className="decision" role="group" aria-label={`Decide policy change ${change.id}`}>
      <label htmlFor={commentId}>Comment (required to reject)</label>
      <textarea
        id={commentId}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="decision__buttons">
        <button
          type="button"
          className="button button--primary"
          data-testid="approve-policy"
          disabled={decide.isPending || why !== null}
          title={why ?? `Approves exactly version ${change.proposedVersion}`}
          onClick={() =>
            decide.mutate({ verb: 'approve', version: change.proposedVersion, comment })
          }
        >
          Approve {change.proposedVersion.slice(0, 12)}
        </button>
        <button
          type="button"
          className="button"
          data-testid="reject-policy"
          disabled={decide.isPending || comment.trim() === ''}
          onClick={() => decide.mutate({ verb: 'reject', comment })}
        >
          Reject
        </button>
      </div>
      {why && <p className="muted">{why}</p>}
      {decide.error && <ServerRefusal error={decide.error} what="The decision" />}
    </div>
  );
}
