import { useSearchParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import type { AuditFilters } from '../../features/audit/api/get-audit.ts';
import { auditCrumbs } from '../../features/audit/components/audit-crumbs.ts';
import { auditSearch, readAuditFilters } from '../../features/audit/components/audit-filters.ts';
import { AuditPage } from '../../features/audit/components/audit-page.tsx';
import { keepWindowParams, readDrillView } from '../../lib/url-state.ts';

/** `/audit?actor=&event=&actionId=&since=&until=`: the audit trail and its verification. */
export function AuditRoute() {
  const [params, setParams] = useSearchParams();
  const filters = readAuditFilters(params);
  // A new filter is a new entry in history, so Back returns to the trail as it was.
  const onFiltersChange = (next: AuditFilters) =>
    setParams(keepWindowParams(auditSearch(next), params));
  return (
    <>
      <Breadcrumbs crumbs={auditCrumbs(readDrillView(params), filters.actionId)} />
      <AuditPage filters={filters} onFiltersChange={onFiltersChange} />
    </>
  );
}
