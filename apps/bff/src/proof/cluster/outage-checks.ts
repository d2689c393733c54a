import type { Check } from '../faults/checks.ts';
import type { Answer } from './acked-ingest.ts';
import type { ClosedWindowReader } from './closed-window.ts';
import type { PhaseTimes } from './database-target.ts';

/** "12 × 200, 3 × 503": answers counted by status. */
export const tally = (answers: readonly Answer[]) => {
  const by = new Map<number, number>();
  for (const a of answers) by.set(a.status, (by.get(a.status) ?? 0) + 1);
  return [...by]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${n} × ${s || 'no answer'}`)
    .join(', ');
};

/**
 * During each fault window only 503 or a correct answer: never a 500, a hang, or (checked by the
 * closed-window reader) a 200 with other numbers.
 */
export function outageChecks(
  phases: readonly PhaseTimes[],
  streams: { name: string; answers: readonly Answer[] }[],
  closed: ClosedWindowReader,
): Check[] {
  const inFault = (a: Answer) => phases.some((p) => a.at >= p.faultAt && a.at <= p.settledAt);
  const during = streams.flatMap((s) => s.answers.filter(inFault));
  // A created action (201), a lost race (409) or any other deliberate answer is correct; what may
  // not happen is no answer at all or a 5xx other than 503.
  const failed = (a: Answer) => a.status === 0 || (a.status >= 500 && a.status !== 503);
  const bad = during.filter(failed);
  const all = streams.flatMap((s) => s.answers);
  const bad5xx = all.filter(failed);
  return [
    {
      promise: 'outage answers are 503 (or correct), never 500 or a hang',
      ok: bad.length === 0 && bad5xx.length === 0,
      measured: `${during.length} requests during faults: ${tally(during)}; ${bad5xx.length} other 5xx or unanswered in the whole run`,
    },
    {
      promise: 'never a wrong number: a closed window reads the same on every 200',
      ok: closed.wrong === 0 && closed.answers.some((a) => a.status === 200),
      measured: `${closed.answers.length} reads (${tally(closed.answers)}), ${closed.wrong} differed${closed.firstWrong ? `; first: ${closed.firstWrong}` : ''}`,
    },
  ];
}

/**
 * Service back: the first acknowledged write after each fault's primary component returned (for
 * faults that keep a primary, after the fault itself), from any BFF; each BFF's own figure beside.
 */
export function recoveryCheck(phases: readonly PhaseTimes[], writes: readonly Answer[]): Check {
  const firstOk = (p: PhaseTimes, bff: number | null) => {
    const first = writes
      .filter((w) => w.status === 200 && w.at >= p.faultAt && w.at + w.ms >= p.restoredAt)
      .filter((w) => bff === null || w.bff === bff)
      .map((w) => w.at + w.ms)
      .sort((a, b) => a - b)[0];
    return first === undefined ? null : (first - p.restoredAt) / 1000;
  };
  const show = (s: number | null) => (s === null ? 'never' : `${s.toFixed(1)} s`);
  const delays = phases.map((p) => ({
    name: p.name,
    service: firstOk(p, null),
    perBff: [firstOk(p, 0), firstOk(p, 1)],
  }));
  return {
    promise: 'writes acknowledged again ≤ 10 s after a primary component returns',
    ok: delays.every((d) => d.service !== null && d.service <= 10),
    measured: delays
      .map(
        (d) =>
          `${d.name}: ${show(d.service)} (BFF 1 ${show(d.perBff[0]!)}, BFF 2 ${show(d.perBff[1]!)})`,
      )
      .join('; '),
  };
}
