import { useState, type FormEvent } from 'react';
import { fromInputValue, toInputValue } from '../../../components/custom-range-form.tsx';
import type { AuditFilters } from '../api/get-audit.ts';

interface Props {
  filters: AuditFilters;
  onChange: (filters: AuditFilters) => void;
}

interface Draft {
  actor: string;
  event: string;
  actionId: string;
  since: string;
  until: string;
}

const draftOf = (filters: AuditFilters): Draft => ({
  actor: filters.actor ?? '',
  event: filters.event ?? '',
  actionId: filters.actionId ? String(filters.actionId) : '',
  since: filters.from !== undefined ? toInputValue(filters.from) : '',
  until: filters.to !== undefined ? toInputValue(filters.to) : '',
});

/** The draft as filters, or what is wrong with it in words. Empty fields do not filter. */
export function parseAuditDraft(draft: Draft): { filters: AuditFilters } | { problem: string } {
  const filters: AuditFilters = {};
  if (draft.actor.trim()) filters.actor = draft.actor.trim().slice(0, 64);
  if (draft.event.trim()) filters.event = draft.event.trim().slice(0, 64);
  if (draft.actionId.trim()) {
    if (!/^\d{1,15}$/.test(draft.actionId.trim()) || Number(draft.actionId) < 1)
      return { problem: 'An action number is a whole number such as 12.' };
    filters.actionId = Number(draft.actionId);
  }
  for (const [key, field, label] of [
    ['from', 'since', 'From'],
    ['to', 'until', 'To'],
  ] as const) {
    if (!draft[field]) continue;
    const ts = fromInputValue(draft[field]);
    if (ts === null) return { problem: `${label} is not a date and time.` };
    filters[key] = ts;
  }
  if (filters.from !== undefined && filters.to !== undefined && filters.to <= filters.from)
    return { problem: 'The end must be after the start.' };
  return { filters };
}

/** Narrows the trail by who, what, which action and when; applied on "Apply", all cleared by "Clear". */
export function AuditFilterForm({ filters, onChange }: Props) {
  const [draft, setDraft] = useState(() => draftOf(filters));
  const [problem, setProblem] = useState<string | null>(null);
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseAuditDraft(draft);
    setProblem('problem' in parsed ? parsed.problem : null);
    if ('filters' in parsed) onChange(parsed.filters);
  };
  return (
    <form
      className="audit-filters"
      role="search"
      aria-label="Filter the audit trail"
      onSubmit={submit}
    >
      <label>
        Actor
        <input type="text" placeholder="e.g. approver" maxLength={64} {...field('actor')} />
      </label>
      <label>
        Event
        <input type="text" placeholder="e.g. action.executed" maxLength={64} {...field('event')} />
      </label>
      <label>
        Action #<input type="text" inputMode="numeric" size={6} {...field('actionId')} />
      </label>
      <label>
        From (UTC)
        <input type="datetime-local" {...field('since')} />
      </label>
      <label>
        To (UTC)
        <input type="datetime-local" {...field('until')} />
      </label>
      <button type="submit" className="button button--primary">
        Apply
      </button>
      <button type="button" className="button" onClick={() => onChange({})}>
        Clear
      </button>
      {problem && (
        <p role="alert" className="audit-filters__problem">
          {problem}
        </p>
      )}
    </form>
  );
}
