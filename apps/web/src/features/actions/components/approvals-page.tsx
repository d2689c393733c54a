import { ACTION_STATES, type ActionState } from '@watchfloor/shared/actions/states';
import { ACTION_CATALOGUE, ACTION_TYPES, type ActionType } from '@watchfloor/shared/actions/catalogue';
import { Panel } from '../../../components/panel.tsx';
import { useActions, type ActionFilters } from '../api/get-actions.ts';
import { ActionReview } from './action-review.tsx';

interface Props {
  filters: ActionFilters;
  onFiltersChange: (filters: ActionFilters) => void;
}

/** `/approvals`: actions awaiting a decision (or any state, by filter), each with what an approver needs. */
export function ApprovalsPage({ filters, onFiltersChange }: Props) {
  const list = useActions(filters);
  const actions = list.data?.data.actions ?? [];
  const filterBar = (
    <div className="approvals__filters" role="group" aria-label="Filters">
      <label>
        State{' '}
        <select value={filters.state ?? ''} onChange={(e) => onFiltersChange({ ...filters, state: (e.target.value || undefined) as ActionState | undefined })}>
          <option value="">any</option>
          {ACTION_STATES.map((state) => <option key={state} value={state}>{state}</option>)}
        </select>
      </label>{' '}
      <label>
        Type{' '}
        <select value={filters.type ?? ''} onChange={(e) => onFiltersChange({ ...filters, type: (e.target.value || undefined) as ActionType | undefined })}>
          <option value="">any</option>
          {ACTION_TYPES.map((type) => <option key={type} value={type}>{ACTION_CATALOGUE[type].label}</option>)}
        </select>
      </label>
    </div>
  );
  return (
    <div className="approvals">
      <Panel title="Approvals" actions={filterBar} error={list.error}>
        {list.isPending && <p className="loading">Loading actions…</p>}
        {list.data && <p role="status">{actions.length === 0 ? 'No actions match these filters.' : `${actions.length} action${actions.length === 1 ? '' : 's'}${list.data.data.nextCursor ? ' (newest shown)' : ''}.`}</p>}
      </Panel>
      {actions.map((action) => <ActionReview key={action.id} actionId={action.id} />)}
    </div>
  );
}
