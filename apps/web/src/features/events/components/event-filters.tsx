import { useEffect, useState } from 'react';
import { EVENT_KINDS, EVENT_STATUSES } from '@watchfloor/shared/ingest';
import { FilterSelect } from '../../../components/filter-select.tsx';
import type { EventFilters as Filters } from '../../../lib/url-state.ts';

interface Props {
  filters: Filters;
  /** Error classes seen in the loaded events, offered as suggestions. */
  knownErrorClasses: readonly string[];
  onChange: (filters: Filters) => void;
}

/** Status, kind and error class filters; they live in the URL, so a copied link keeps them. */
export function EventFilters({ filters, knownErrorClasses, onChange }: Props) {
  const [errorClass, setErrorClass] = useState(filters.errorClass ?? '');
  useEffect(() => setErrorClass(filters.errorClass ?? ''), [filters.errorClass]);
  const applyErrorClass = () => {
    const value = errorClass.trim();
    if (value !== (filters.errorClass ?? ''))
      onChange({ ...filters, errorClass: value || undefined });
  };
  const active = Boolean(filters.status || filters.kind || filters.errorClass);
  return (
    <form
      className="filters"
      aria-label="Event filters"
      onSubmit={(event) => {
        event.preventDefault();
        applyErrorClass();
      }}
    >
      <label>
        Status
        <FilterSelect
          value={filters.status}
          options={EVENT_STATUSES}
          anyLabel="Any"
          labelOf={(status) => (status === 'ok' ? 'OK' : 'Error')}
          onChange={(status) => onChange({ ...filters, status })}
        />
      </label>
      <label>
        Kind
        <FilterSelect
          value={filters.kind}
          options={EVENT_KINDS}
          anyLabel="Any"
          onChange={(kind) => onChange({ ...filters, kind })}
        />
      </label>
      <label>
        Error class
        <input
          list="known-error-classes"
          value={errorClass}
          maxLength={64}
          placeholder="e.g. DbPoolExhausted"
          onChange={(e) => setErrorClass(e.target.value)}
          onBlur={applyErrorClass}
        />
        <datalist id="known-error-classes">
          {knownErrorClasses.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </label>
      <button type="submit" className="button">
        Apply
      </button>
      {active && (
        <button type="button" className="button button--quiet" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </form>
  );
}
