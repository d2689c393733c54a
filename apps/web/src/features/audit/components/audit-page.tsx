import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../../components/data-table.tsx';
import { LoadMoreButton } from '../../../components/load-more-button.tsx';
import { Panel } from '../../../components/panel.tsx';
import { auditComment } from '../../../lib/audit-comment.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useAuditTrail, type AuditFilters } from '../api/get-audit.ts';
import { useAuditVerification } from '../api/verify-audit.ts';
import { AuditFilterForm } from './audit-filter-form.tsx';
import { describeAuditFilters } from './describe-audit-filters.ts';
import { VerificationStatus } from './verification-status.tsx';

const COLUMNS: readonly DataTableColumn[] = [
  { label: '#', priority: 'detail' },
  { label: 'When' },
  { label: 'Actor', priority: 'detail' },
  { label: 'Event' },
  { label: 'Subject', priority: 'detail' },
  { label: 'Comment', priority: 'detail' },
  { label: 'Hash', priority: 'detail' },
];

interface Props {
  filters: AuditFilters;
  onFiltersChange: (filters: AuditFilters) => void;
}

/** `/audit`: whether the chain verifies, then the hash-chained trail, newest first, filtered and paged by keyset. */
export function AuditPage({ filters, onFiltersChange }: Props) {
  const verification = useAuditVerification();
  const trail = useAuditTrail(filters);
  const records = trail.data?.pages.flatMap((page) => page.data.records) ?? [];
  const scope = describeAuditFilters(filters);
  return (
    <div className="audit">
      <h1>Audit</h1>
      <Panel
        title="Chain verification"
        error={verification.error}
        actions={
          <button
            type="button"
            className="button"
            onClick={() => void verification.refetch()}
            aria-busy={verification.isFetching}
          >
            Verify again
          </button>
        }
      >
        {verification.data ? (
          <VerificationStatus result={verification.data.data} />
        ) : (
          !verification.error && <p className="loading">Verifying…</p>
        )}
      </Panel>
      <Panel
        title={filters.actionId ? `Audit trail of action ${filters.actionId}` : 'Audit trail'}
        error={trail.error}
      >
        <AuditFilterForm
          key={JSON.stringify(filters)}
          filters={filters}
          onChange={onFiltersChange}
        />
        {trail.data && (
          <p role="status" className="muted" data-testid="audit-scope">
            {records.length === 0
              ? 'No audit records'
              : `${records.length} record${records.length === 1 ? '' : 's'}${trail.hasNextPage ? ' so far' : ''}`}
            , newest first; {scope}.
          </p>
        )}
        <DataTable label="Audit records" columns={COLUMNS}>
          {records.map((record) => (
            <tr key={record.seq} data-seq={record.seq} data-event={record.event}>
              <td>{record.seq}</td>
              <td>{formatDateTime(record.at)}</td>
              <td>{record.actor}</td>
              <td>{record.event}</td>
              <td>
                {record.actionId !== null ? (
                  <Link to={paths.action(record.actionId)}>{record.subject}</Link>
                ) : (
                  record.subject
                )}
              </td>
              <td data-testid="audit-comment">{auditComment(record) ?? ''}</td>
              <td>
                <code title={record.hash}>{record.hash.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </DataTable>
        {trail.isPending && <p className="loading">Loading the trail…</p>}
        {trail.hasNextPage ? (
          <LoadMoreButton pages={trail} label="Load older records" />
        ) : (
          trail.data && records.length > 0 && <p className="muted">End of the trail.</p>
        )}
      </Panel>
    </div>
  );
}
