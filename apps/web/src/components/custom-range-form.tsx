import { useState, type FormEvent } from 'react';
import { MAX_WINDOW_MS } from '@watchfloor/shared/time-window';
import type { Bounds } from '../lib/time-window.ts';

/** `datetime-local` has no zone; the whole screen speaks UTC, so the inputs do too. */
export const toInputValue = (ts: number) => new Date(ts).toISOString().slice(0, 16);
export const fromInputValue = (value: string): number | null => {
  // Date.parse is lenient with malformed text; only the input's own shape is accepted.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ts = Date.parse(`${value}:00Z`);
  return Number.isFinite(ts) ? ts : null;
};

export function checkRange(from: number | null, to: number | null): string | null {
  if (from === null || to === null) return 'Enter both a start and an end.';
  if (to <= from) return 'The end must be after the start.';
  if (to - from > MAX_WINDOW_MS) return 'A window can span at most 400 days.';
  return null;
}

interface Props {
  initial: Bounds;
  onApply: (bounds: Bounds) => void;
  onCancel: () => void;
}

/** An absolute window, so a copied link shows exactly this range. */
export function CustomRangeForm({ initial, onApply, onCancel }: Props) {
  const [fromText, setFromText] = useState(toInputValue(initial.from));
  const [toText, setToText] = useState(toInputValue(initial.to));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const from = fromInputValue(fromText);
    const to = fromInputValue(toText);
    const issue = checkRange(from, to);
    setProblem(issue);
    if (issue === null && from !== null && to !== null) onApply({ from, to });
  };

  return (
    <form className="custom-range" onSubmit={submit} aria-label="Custom time range">
      <label>
        From (UTC)
        <input
          type="datetime-local"
          value={fromText}
          onChange={(e) => setFromText(e.target.value)}
          required
        />
      </label>
      <label>
        To (UTC)
        <input
          type="datetime-local"
          value={toText}
          onChange={(e) => setToText(e.target.value)}
          required
        />
      </label>
      <button type="submit" className="button button--primary">
        Apply
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      {problem && (
        <p role="alert" className="custom-range__problem">
          {problem}
        </p>
      )}
    </form>
  );
}
