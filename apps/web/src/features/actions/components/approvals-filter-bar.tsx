import { useState, type FormEvent } from 'react';
import {
  ACTION_CATALOGUE,
  ACTION_TYPES,
  type ActionType,
} from '@watchfloor/shared/actions/catalogue';
import { ACTION_STATES, type ActionState } from '@watchfloor/shared/actions/states';
import { SlugSchema } from '@watchfloor/shared/ingest';
import type { ActionFilters } from '../api/get-actions.ts';

interface Props {
  filters: ActionFilters;
  onChange: (filters: ActionFilters) => void;
}

/** State and type apply as they are chosen; the target id applies on Enter or "Filter", once it is an id. */
export function ApprovalsFilterBar({ filters, onChange }: Props) {
  const [target, setTarget] = useState(filters.target ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const applyTarget = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = target.trim();
    if (text === '') return onChange({ ...filters, target: undefined });
    const parsed = SlugSchema.safeParse(text);
    setProblem(parsed.success ? null : `"${text}" is not an entity or segment id`);
    if (parsed.success) onChange({ ...filters, target: parsed.data });
  };
  return (
    <form
      className="approvals__filters"
      role="search"
      aria-label="Filter actions"
      onSubmit={applyTarget}
    >
      <label>
        State{' '}
        <select
          value={filters.state ?? ''}
          onChange={(e) =>
            onChange({
              ...filters,
              state: (e.target.value || undefined) as ActionState | undefined,
            })
          }
        >
          <option value="">any</option>
          {ACTION_STATES.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
      </label>
      <label>
        Type{' '}
        <select
          value={filters.type ?? ''}
          onChange={(e) =>
            onChange({ ...filters, type: (e.target.value || undefined) as ActionType | undefined })
          }
        >
          <option value="">any</option>
          {ACTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {ACTION_CATALOGUE[type].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Target{' '}
        <input
          type="search"
          value={target}
          placeholder="entity or segment id"
          size={18}
          onChange={(e) => setTarget(e.target.value)}
          aria-invalid={problem !== null}
        />
      </label>
      <button type="submit" className="button">
        Filter
      </button>
      {problem && (
        <span role="alert" className="approvals__problem">
          {problem}
        </span>
      )}
    </form>
  );
}
