import { useContext } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useAction } from '../api/get-action.ts';
import { AssistRecordSlot } from './assist-record-slot.ts';
import { DecisionForm } from './decision-form.tsx';
import { EvidenceAlerts } from './evidence-alerts.tsx';
import { evidenceHref } from './evidence-link.ts';
import { formatExpiresIn } from './expires-in.ts';
import { FigureComparison } from './figure-comparison.tsx';
import { PreconditionList } from './precondition-list.tsx';
import { dataQualityCheck } from './target-data-quality.tsx';

export function formatExpiry(ms: number | null): string {
  if (ms === null) return 'decided';
  if (ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 1
    ? `${minutes} min ${Math.floor((ms % 60_000) / 1000)} s left`
    : `${Math.ceil(ms / 1000)} s left`;
}

/** One action as an approver judges it: why, on what evidence, what changed since, whether it may proceed. */
export function ActionReview({ actionId }: { actionId: number }) {
  const detail = useAction(actionId);
  const renderAssistRecord = useContext(AssistRecordSlot);
  if (detail.error) return <ErrorMessage error={detail.error} what={`Action ${actionId}`} />;
  if (!detail.data) return <p className="loading">Loading action {actionId}…</p>;
  const {
    action,
    preconditions,
    approvalsSoFar,
    approvalsRequired,
    expiresInMs,
    abilities,
    approvals,
  } = detail.data.data;
  const evidence = action.evidence;
  const expiresIn = action.state === 'proposed' ? formatExpiresIn(expiresInMs) : null;
  const evidenceLink = evidenceHref(evidence);
  return (
    <article
      className="panel action-review"
      aria-label={`Action ${action.id}: ${action.label} on ${action.target.id}`}
      data-action-id={action.id}
      data-state={action.state}
    >
      <header className="panel__head">
        <h2>
          <Link to={paths.action(action.id)}>
            #{action.id} {action.label}
          </Link>{' '}
          on {action.target.kind} {action.target.id}
        </h2>
        <span className="action-state">
          State: <strong>{action.state}</strong> · {action.risk} risk
          {expiresIn && (
            <>
              {' · '}
              <strong data-testid="expires-in">{expiresIn}</strong>
            </>
          )}
        </span>
      </header>
      <p>
        Proposed by <strong>{action.proposer}</strong> at {formatDateTime(action.proposedAt)};{' '}
        {Object.keys(action.params).length > 0 && `parameters ${JSON.stringify(action.params)}; `}
        policy {action.policyVersion.slice(0, 8)}.
      </p>
      <blockquote className="rationale" aria-label="Rationale">
        {action.rationale}
      </blockquote>
      {action.freezeOverride && (
        <p role="note" data-testid="freeze-override">
          <strong>Change freeze overridden</strong> ({action.freezeOverride.freezes.join(', ')}) by{' '}
          {action.freezeOverride.by}: {action.freezeOverride.reason}
        </p>
      )}
      <p>
        Evidence:{' '}
        {evidenceLink ? (
          <a href={evidenceLink} data-testid="evidence-link">
            the view the proposer saw
          </a>
        ) : (
          'the view the proposer saw (its address is not a page of this app)'
        )}{' '}
        ({formatDateTime(evidence.window.from)} – {formatDateTime(evidence.window.to)}, data quality{' '}
        {evidence.quality.state}
        {evidence.watermark !== null && `, final up to ${formatDateTime(evidence.watermark)}`}).
      </p>
      {evidence.assistId &&
        (renderAssistRecord?.(evidence.assistId) ?? (
          <p data-testid="evidence-assist-id">
            Suggested by the &quot;Why?&quot; answer <code>{evidence.assistId}</code>.
          </p>
        ))}
      <EvidenceAlerts alerts={evidence.alerts} />
      <FigureComparison action={action} />
      <h3>Preconditions now</h3>
      <PreconditionList
        results={preconditions}
        label={`Preconditions of action ${action.id} now`}
      />
      <p data-testid="approval-progress">
        Approvals: {approvalsSoFar} of {approvalsRequired}
        {approvals.length > 0 && ` (${approvals.map((a) => a.approver).join(', ')})`} · Expiry:{' '}
        {formatExpiry(expiresInMs)}
      </p>
      {action.state === 'proposed' && (
        <DecisionForm
          actionId={action.id}
          approve={abilities.approve}
          reject={abilities.reject}
          targetQuality={detail.data.quality}
          qualityCheck={dataQualityCheck(preconditions)}
        />
      )}
    </article>
  );
}
