import { useSearchParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import type { ActionFilters } from '../../features/actions/api/get-actions.ts';
import { approvalsCrumbs } from '../../features/actions/components/action-crumbs.ts';
import {
  approvalsSearch,
  readApprovalsFilters,
} from '../../features/actions/components/approvals-filters.ts';
import { ApprovalsPage } from '../../features/actions/components/approvals-page.tsx';
import { keepWindowParams, readDrillView } from '../../lib/url-state.ts';
import { AssistRecordProvider } from './assist-record-provider.tsx';

/** `/approvals?state=&type=&target=`: pending actions by default; `state=any` lists every state. */
export function ApprovalsRoute() {
  const [params, setParams] = useSearchParams();
  const filters = readApprovalsFilters(params);
  const onFiltersChange = (next: ActionFilters) =>
    setParams(keepWindowParams(approvalsSearch(next), params), { replace: true });
  return (
    <AssistRecordProvider>
      <Breadcrumbs crumbs={approvalsCrumbs(readDrillView(params), filters)} />
      <ApprovalsPage filters={filters} onFiltersChange={onFiltersChange} />
    </AssistRecordProvider>
  );
}
