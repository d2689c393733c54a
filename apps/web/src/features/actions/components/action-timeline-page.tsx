import { Link } from 'react-router';
import { Breadcrumbs } from '../../../components/breadcrumbs.tsx';
import { Panel } from '../../../components/panel.tsx';
import { withComments } from '../../../lib/audit-comment.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { useAction } from '../api/get-action.ts';
import { actionCrumbs } from './action-crumbs.ts';
import { ActionReview } from './action-review.tsx';
import { CancelRollbackForm } from './cancel-rollback-form.tsx';

/** `/actions/:actionId`: the action as reviewed, then everything that happened to it, oldest first. */
export function ActionTimelinePage({ actionId, view }: { actionId: number; view: DrillView }) {
  const detail = useAction(actionId);
  const data = detail.data?.data;
  const timeline = withComments(data?.timeline ?? []);
  return (
    <div className="action-timeline">
      <Breadcrumbs crumbs={actionCrumbs(actionId, data?.action, view)} />
      <ActionReview actionId={actionId} />
      {data && <CancelRollbackForm action={data.action} abilities={data.abilities} />}
      <Panel
        title="Timeline"
        error={detail.error}
        actions={<Link to={paths.audit({ actionId })}>In the audit trail</Link>}
      >
        {data && data.action.outcome && (
          <p>
            Outcome: <code>{JSON.stringify(data.action.outcome)}</code>
          </p>
        )}
        {data?.action.failureReason && <p role="alert">Failed: {data.action.failureReason}</p>}
        <ol aria-label={`Timeline of action ${actionId}`} className="timeline">
          {timeline.map(({ record, comment }) => (
            <li key={record.seq} data-event={record.event}>
              <time dateTime={new Date(record.at).toISOString()}>{formatDateTime(record.at)}</time>{' '}
              <strong>{record.event}</strong> by {record.actor}{' '}
              <span className="muted">(audit #{record.seq})</span>
              {comment !== null && (
                <blockquote
                  className="rationale"
                  aria-label={`Comment by ${record.actor}`}
                  data-testid="timeline-comment"
                >
                  {comment}
                </blockquote>
              )}
            </li>
          ))}
        </ol>
      </Panel>
      <Panel title="Policy evaluations">
        <ul aria-label="Policy evaluations">
          {(data?.evaluations ?? []).map((evaluation) => (
            <li key={evaluation.id}>
              {formatDateTime(evaluation.evaluatedAt)} <strong>{evaluation.stage}</strong> by{' '}
              {evaluation.actor}: {evaluation.passed ? 'passed' : 'refused'}
              {evaluation.autoApprove && ', approved by policy'} (
              {evaluation.results.filter((r) => !r.passed).length} failed checks; policy{' '}
              {evaluation.policyVersion.slice(0, 8)})
            </li>
          ))}
        </ul>
      </Panel>
    </div>
  );
}
