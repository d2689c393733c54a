import { useState, type FormEvent } from 'react';
import { ACTION_CATALOGUE, ACTION_TYPES } from '@watchfloor/shared/actions/catalogue';
import { ACTION_STATES } from '@watchfloor/shared/actions/states';
import { SlugSchema } from '@watchfloor/shared/ingest';
import { FilterSelect } from '../../../components/filter-select.tsx';
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
        <FilterSelect
          value={filters.state}
          options={ACTION_STATES}
          anyLabel="any"
          onChange={(state) => onChange({ ...filters, state })}
        />
      </label>
      <label>
        Type{' '}
        <FilterSelect
          value={filters.type}
          options={ACTION_TYPES}
          anyLabel="any"
          labelOf={(type) => ACTION_CATALOGUE[type].label}
          onChange={(type) => onChange({ ...filters, type })}
        />
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
