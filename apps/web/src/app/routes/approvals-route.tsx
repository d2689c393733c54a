import { useSearchParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import type { ActionFilters } from '../../features/actions/api/get-actions.ts';
import { approvalsCrumbs } from '../../features/actions/components/action-crumbs.ts';
import {
  approvalsSearch,
  readApprovalsFilters,
} from '../../features/actions/components/approvals-filters.ts';
import { ApprovalsPage } from '../../features/actions/components/approvals-page.tsx';
import { readDrillView } from '../../lib/url-state.ts';

/** `/approvals?state=&type=&target=`: pending actions by default; `state=any` lists every state. */
export function ApprovalsRoute() {
  const [params, setParams] = useSearchParams();
  const filters = readApprovalsFilters(params);
  const onFiltersChange = (next: ActionFilters) => {
    const search = approvalsSearch(next);
    // The header's window is not a filter of the queue, but the links onwards keep it.
    for (const key of ['from', 'to', 'range'])
      if (params.has(key)) search.set(key, params.get(key) ?? '');
    setParams(search, { replace: true });
  };
  return (
    <>
      <Breadcrumbs crumbs={approvalsCrumbs(readDrillView(params), filters)} />
      <ApprovalsPage filters={filters} onFiltersChange={onFiltersChange} />
    </>
  );
}
