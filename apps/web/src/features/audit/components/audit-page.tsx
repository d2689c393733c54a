import { Link } from 'react-router';
import { Panel } from '../../../components/panel.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useAuditTrail, type AuditFilters } from '../api/get-audit.ts';
import { useAuditVerification } from '../api/verify-audit.ts';
import { VerificationStatus } from './verification-status.tsx';

/** `/audit`: the hash-chained trail, newest first with "load more", and whether the chain verifies. */
export function AuditPage({ filters }: { filters: AuditFilters }) {
  const verification = useAuditVerification();
  const trail = useAuditTrail(filters);
  const records = trail.data?.pages.flatMap((page) => page.data.records) ?? [];
  return (
    <div className="audit">
      <Panel
        title="Chain verification"
        error={verification.error}
        actions={<button type="button" className="button" onClick={() => void verification.refetch()} aria-busy={verification.isFetching}>Verify again</button>}
      >
        {verification.data ? <VerificationStatus result={verification.data.data} /> : !verification.error && <p className="loading">Verifying…</p>}
      </Panel>
      <Panel title={filters.actionId ? `Audit trail of action ${filters.actionId}` : 'Audit trail'} error={trail.error}>
        <table className="table" aria-label="Audit records">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Event</th>
              <th scope="col">Subject</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <tr key={record.seq} data-seq={record.seq} data-event={record.event}>
                <td>{record.seq}</td>
                <td>{formatDateTime(record.at)}</td>
                <td>{record.actor}</td>
                <td>{record.event}</td>
                <td>{record.actionId !== null ? <Link to={paths.action(record.actionId)}>{record.subject}</Link> : record.subject}</td>
                <td><code title={record.hash}>{record.hash.slice(0, 12)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
        {trail.isPending && <p className="loading">Loading the trail…</p>}
        {trail.hasNextPage ? (
          <button type="button" className="button" onClick={() => void trail.fetchNextPage()} disabled={trail.isFetchingNextPage}>
            {trail.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        ) : (
          trail.data && <p className="muted">End of the trail ({records.length} records).</p>
        )}
      </Panel>
    </div>
  );
}
