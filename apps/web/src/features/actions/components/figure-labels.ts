import { formatCount, formatMs, formatPercent, MISSING } from '../../../lib/format.ts';
import type { FigureChange, Figures } from './evidence-figures.ts';

type Value = Figures[string] | undefined;

interface FigureLook {
  label: string;
  /** A value with its unit, as the rest of the app shows it. */
  show: (value: number) => string;
  /** A difference with its unit ("+120 ms", "+3.5 pp"). */
  delta: (difference: number) => string;
}

const signed = (difference: number, text: string) => `${difference > 0 ? '+' : '−'}${text}`;
const counted = (unit: string): Pick<FigureLook, 'show' | 'delta'> => ({
  show: (n) => `${formatCount(n)} ${unit}`,
  delta: (d) => signed(d, `${formatCount(Math.abs(d))} ${unit}`),
});

/** The figures proposals carry (entityFigures, segmentFigures), by their stored names. */
const LOOKS: Record<string, FigureLook> = {
  requests: { label: 'Requests in the window', ...counted('requests') },
  errors: { label: 'Errors in the window', ...counted('errors') },
  activeEntities: { label: 'Active entities', ...counted('entities') },
  silentEntities: { label: 'Silent entities', ...counted('entities') },
  errorRatio: {
    label: 'Error ratio',
    show: (ratio) => formatPercent(ratio),
    // A change of a ratio in percentage points: "12 % → 15 %" is +3 pp, not +25 %.
    delta: (d) => signed(d, `${formatPercent(Math.abs(d)).replace(' %', '')} pp`),
  },
  p95Ms: {
    label: 'Latency p95',
    show: (ms) => formatMs(ms),
    delta: (d) => signed(d, formatMs(Math.abs(d))),
  },
};

/** A figure's name in words; a figure this screen does not know keeps its stored name. */
export function figureLabel(name: string): string {
  if (name === 'state') return 'State';
  return LOOKS[name]?.label ?? name;
}

/** A figure's value with its unit, or the em dash when it is missing. */
export function figureValue(name: string, value: Value): string {
  if (value === undefined || value === null) return MISSING;
  if (typeof value === 'string') return value;
  const look = LOOKS[name];
  if (look) return look.show(value);
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(4);
}

const CHANGE_WORDS: Record<FigureChange['change'], string> = {
  up: '▲ up',
  down: '▼ down',
  same: '= same',
  changed: '≠ changed',
  unknown: '? not known yet',
};

/** The change in words, with its size and unit when both values are numbers ("▲ up +120 ms"). */
export function figureChange(row: FigureChange): string {
  const words = CHANGE_WORDS[row.change];
  const look = LOOKS[row.name];
  if ((row.change !== 'up' && row.change !== 'down') || !look) return words;
  if (typeof row.then !== 'number' || typeof row.now !== 'number') return words;
  return `${words} ${look.delta(row.now - row.then)}`;
}
