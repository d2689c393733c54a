import { useId, useState, type FormEvent } from 'react';
import { MAX_WINDOW_DAYS, checkBounds } from '../lib/read-window.ts';
import { formatAgo, parseAgo, spanHint } from '@watchfloor/shared/time-expression';
import { absolute, relativeAgo, type ViewWindow } from '../lib/time-window.ts';
import './custom-range-form.css';

const FIELD_SHAPE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;

/**
 * The fields speak UTC on a 24-hour clock, as plain text: a browser's own date-time field shows
 * the reader's locale (12-hour AM/PM in many) under a label that says UTC.
 */
export const toInputValue = (ts: number) =>
  new Date(ts).toISOString().slice(0, 16).replace('T', ' ');

/** `YYYY-MM-DD HH:mm` (UTC) as epoch ms; null unless it is that shape and a real date and time. */
export function fromInputValue(value: string): number | null {
  const match = FIELD_SHAPE.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const ts = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 31 April into 1 May and 24:00 into tomorrow; a typo must not become a time.
  return toInputValue(ts) === `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}`
    ? ts
    : null;
}

type FieldValue = { at: number } | { ago: number };

/** A field's text: a UTC date and time, or `now` / `now-3h`. */
export function readField(text: string): FieldValue | null {
  const ago = parseAgo(text);
  if (ago !== null) return { ago };
  const at = fromInputValue(text);
  return at === null ? null : { at };
}

/** The form's text for a window: dates for a fixed one, `now-…` for a live one. */
export function fieldTexts(window: ViewWindow): { from: string; to: string } {
  return window.kind === 'absolute'
    ? { from: toInputValue(window.from), to: toInputValue(window.to) }
    : { from: formatAgo(window.fromAgo), to: formatAgo(window.toAgo) };
}

export type RangeReading =
  | { window: ViewWindow; problem?: undefined; field?: undefined }
  | { window?: undefined; problem: string; field: 'from' | 'to' };

/**
 * The window two fields ask for, or what is wrong with them in words. Both relative: a live
 * window (`now-3h` to `now`). A date and `now`: fixed at the moment it is applied.
 */
export function readRange(fromText: string, toText: string, now: number): RangeReading {
  if (!fromText.trim()) return { problem: 'Enter a start.', field: 'from' };
  if (!toText.trim()) return { problem: 'Enter an end.', field: 'to' };
  const from = readField(fromText);
  const to = readField(toText);
  const shape = 'write YYYY-MM-DD HH:mm (24-hour, UTC) or now-3h';
  if (from === null)
    return { problem: `The start is not a time: ${spanHint(fromText) ?? shape}.`, field: 'from' };
  if (to === null)
    return { problem: `The end is not a time: ${spanHint(toText) ?? shape}.`, field: 'to' };
  const start = 'at' in from ? from.at : now - from.ago;
  const end = 'at' in to ? to.at : now - to.ago;
  const issue = checkBounds(start, end);
  if (issue === 'reversed') return { problem: 'The end must be after the start.', field: 'to' };
  if (issue === 'too-long')
    return { problem: `A window can span at most ${MAX_WINDOW_DAYS}.`, field: 'from' };
  if ('ago' in from && 'ago' in to) return { window: relativeAgo(from.ago, to.ago) };
  return { window: absolute(start, end) };
}

interface Props {
  initial: ViewWindow;
  onApply: (window: ViewWindow) => void;
  onCancel: () => void;
  /** The moment `now` means in a mixed range (a date to `now`); the clock unless a test sets it. */
  now?: () => number;
}

/** A custom window: fixed dates (a copied link shows exactly this range) or a live `now-…` one. */
export function CustomRangeForm({ initial, onApply, onCancel, now = Date.now }: Props) {
  const texts = fieldTexts(initial);
  const [fromText, setFromText] = useState(texts.from);
  const [toText, setToText] = useState(texts.to);
  const [problem, setProblem] = useState<{ text: string; field: 'from' | 'to' } | null>(null);
  const hintId = useId();
  const problemId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reading = readRange(fromText, toText, now());
    if (reading.window) {
      setProblem(null);
      onApply(reading.window);
    } else setProblem({ text: reading.problem, field: reading.field });
  };

  const field = (name: 'from' | 'to', value: string, set: (text: string) => void) => (
    <input
      type="text"
      name={name}
      value={value}
      onChange={(e) => set(e.target.value)}
      placeholder="YYYY-MM-DD HH:mm"
      autoComplete="off"
      spellCheck={false}
      size={17}
      aria-invalid={problem?.field === name ? true : undefined}
      aria-describedby={problem?.field === name ? `${problemId} ${hintId}` : hintId}
    />
  );

  return (
    <form className="custom-range" onSubmit={submit} aria-label="Custom time range" noValidate>
      <label>From (UTC, 24 h){field('from', fromText, setFromText)}</label>
      <label>To (UTC, 24 h){field('to', toText, setToText)}</label>
      <button type="submit" className="button button--primary">
        Apply
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <p id={hintId} className="custom-range__hint">
        YYYY-MM-DD HH:mm on a 24-hour clock in UTC, or now-3h, now-90m, now-2d, now: both relative
        stays live.
      </p>
      {problem && (
        <p id={problemId} role="alert" className="custom-range__problem">
          {problem.text}
        </p>
      )}
    </form>
  );
}
