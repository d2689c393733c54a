import { Panel } from '../../../components/panel.tsx';
import { useActions, type ActionFilters } from '../api/get-actions.ts';
import { ActionReview } from './action-review.tsx';
import { ApprovalsFilterBar } from './approvals-filter-bar.tsx';

interface Props {
  filters: ActionFilters;
  onFiltersChange: (filters: ActionFilters) => void;
}

/** `/approvals`: actions awaiting a decision (or any state, by filter), each with what an approver needs. */
export function ApprovalsPage({ filters, onFiltersChange }: Props) {
  const list = useActions(filters);
  const actions = list.data?.data.actions ?? [];
  return (
    <div className="approvals">
      <h1 className="sr-only">Approvals</h1>
      <Panel
        title="Approvals"
        actions={
          <ApprovalsFilterBar
            key={filters.target ?? ''}
            filters={filters}
            onChange={onFiltersChange}
          />
        }
        error={list.error}
      >
        {list.isPending && <p className="loading">Loading actions…</p>}
        {list.data && (
          <p role="status">
            {actions.length === 0
              ? 'No actions match these filters.'
              : `${actions.length} action${actions.length === 1 ? '' : 's'}${list.data.data.nextCursor ? ' (newest shown)' : ''}.`}
          </p>
        )}
      </Panel>
      {actions.map((action) => (
        <ActionReview key={action.id} actionId={action.id} />
      ))}
    </div>
  );
}
