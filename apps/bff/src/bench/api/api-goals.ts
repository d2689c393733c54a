import type { PhaseResult } from './api-phase.ts';
import type { ViewName } from './scenarios.ts';

export const GOALS = {
  sixHourP95Ms: 25,
  shareOfBare: 0.8,
  eventsPageP95Ms: 20,
  scalingRatio: 1.3,
} as const;

export interface GoalVerdict {
  goal: string;
  pass: boolean;
  detail: string;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
/** p95 under load, or for a scenario too slow to load, its single unloaded request (a lower bound). */
const p95Of = (run: PhaseResult['api'][number]) => run.result?.p95 ?? run.probe.ms;
const shown = (run: PhaseResult['api'][number]) =>
  run.result ? ms(run.result.p95) : `not loaded: one request took ${ms(run.probe.ms)}`;

/** Every goal of the read-path issue, judged on one run's figures. */
export function judgeApiGoals(full: PhaseResult, small: PhaseResult): GoalVerdict[] {
  const verdicts: GoalVerdict[] = [];
  for (const run of full.api.filter((r) => r.scenario.window === '6 h (default)')) {
    verdicts.push({
      goal: `${run.scenario.view} 6 h: p95 ≤ ${GOALS.sixHourP95Ms} ms at 50 connections`,
      pass: run.result !== null && run.result.p95 <= GOALS.sixHourP95Ms,
      detail: shown(run),
    });
  }
  for (const { scenario, result } of full.api.filter(
    (r) => r.scenario.window === '24 h at 1 min',
  )) {
    const bare = full.bare.find((b) => b.scenario.views.includes(scenario.view));
    if (!bare) continue;
    const share = (result?.requestsPerSecond ?? 0) / bare.result.requestsPerSecond;
    verdicts.push({
      goal: `${scenario.view} 24 h: ≥ ${GOALS.shareOfBare * 100} % of the bare reference's req/s (${bare.scenario.scope})`,
      pass: share >= GOALS.shareOfBare,
      detail: `${(result?.requestsPerSecond ?? 0).toFixed(0)} vs ${bare.result.requestsPerSecond.toFixed(0)} req/s = ${(share * 100).toFixed(0)} %`,
    });
  }
  for (const view of full.views) {
    const speedup = view.rawP95Ms / view.ourRollupMs;
    verdicts.push({
      goal: `${view.view}: our SQL (rollup reads) ≥ ${view.goalSpeedup.toLocaleString('en-US')}× faster than the raw query`,
      pass: speedup >= view.goalSpeedup,
      detail: `${speedup.toFixed(0)}× (all ${view.ourStatements} statements: ${(view.rawP95Ms / view.ourAllMs).toFixed(0)}×)`,
    });
    verdicts.push({
      goal: `${view.view}: API round trip (p95) < raw query SQL`,
      pass: view.apiP95Ms < view.rawP95Ms,
      detail: `${ms(view.apiP95Ms)} vs ${ms(view.rawP95Ms)}`,
    });
  }
  const events = full.api.find((r) => r.scenario.view === 'events');
  if (events) {
    verdicts.push({
      goal: `events page ${full.cursor.depth.toLocaleString('en-US')} deep: p95 ≤ ${GOALS.eventsPageP95Ms} ms at 50 connections`,
      pass: events.result !== null && events.result.p95 <= GOALS.eventsPageP95Ms,
      detail: shown(events),
    });
  }
  for (const ratio of scalingRatios(full, small)) {
    verdicts.push({
      goal: `${ratio.view} ${ratio.window}: p95 10 M ÷ p95 1 M ≤ ${GOALS.scalingRatio}`,
      pass: ratio.ratio <= GOALS.scalingRatio,
      detail: `${ms(ratio.fullP95)} ÷ ${ms(ratio.smallP95)} = ${ratio.ratio.toFixed(2)}`,
    });
  }
  return verdicts;
}

export function scalingRatios(
  full: PhaseResult,
  small: PhaseResult,
): { view: ViewName; window: string; fullP95: number; smallP95: number; ratio: number }[] {
  return full.api.flatMap((run) => {
    const other = small.api.find(
      (r) => r.scenario.view === run.scenario.view && r.scenario.window === run.scenario.window,
    );
    if (!other) return [];
    const [fullP95, smallP95] = [p95Of(run), p95Of(other)];
    return [
      {
        view: run.scenario.view,
        window: run.scenario.window,
        fullP95,
        smallP95,
        ratio: fullP95 / smallP95,
      },
    ];
  });
}
