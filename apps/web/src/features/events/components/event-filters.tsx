import { useEffect, useState } from 'react';
import { EVENT_KINDS, EVENT_STATUSES } from '@watchfloor/shared/ingest';
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
        <select
          value={filters.status ?? ''}
          onChange={(e) =>
            onChange({ ...filters, status: (e.target.value || undefined) as Filters['status'] })
          }
        >
          <option value="">Any</option>
          {EVENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status === 'ok' ? 'OK' : 'Error'}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kind
        <select
          value={filters.kind ?? ''}
          onChange={(e) =>
            onChange({ ...filters, kind: (e.target.value || undefined) as Filters['kind'] })
          }
        >
          <option value="">Any</option>
          {EVENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
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
