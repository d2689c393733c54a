import { useSearchParams } from 'react-router';
import { ActionStateSchema } from '@watchfloor/shared/actions/states';
import { ActionTypeSchema } from '@watchfloor/shared/actions/catalogue';
import type { ActionFilters } from '../../features/actions/api/get-actions.ts';
import { ApprovalsPage } from '../../features/actions/components/approvals-page.tsx';

/** `/approvals?state=&type=`: pending actions by default; `state=any` lists every state. */
export function ApprovalsRoute() {
  const [params, setParams] = useSearchParams();
  const rawState = params.get('state');
  const state = rawState === 'any' ? undefined : (ActionStateSchema.safeParse(rawState ?? 'proposed').data ?? 'proposed');
  const type = ActionTypeSchema.safeParse(params.get('type')).data;
  const filters: ActionFilters = { state, type };
  const onFiltersChange = (next: ActionFilters) => {
    const search = new URLSearchParams();
    search.set('state', next.state ?? 'any');
    if (next.type) search.set('type', next.type);
    setParams(search, { replace: true });
  };
  return <ApprovalsPage filters={filters} onFiltersChange={onFiltersChange} />;
}
