import type { PhaseResult } from './api-phase.ts';
import { referenceMedians } from './fair-reference.ts';
import type { ViewName } from './scenarios.ts';
import { VIEW_LEVELS, type ViewLevel } from './view-sequences.ts';

export const GOALS = {
  sixHourP95Ms: 25,
  eventsPageP95Ms: 20,
  scalingRatio: 1.3,
  /** Distinct views (issue 22): every level's p95 at 10 M, and its growth from 1 M. */
  distinctP95Ms: 25,
  distinctScalingRatio: 1.2,
  /** The product's segment 24 h req/s against the fair bare reference's, both computing every answer. */
  shareOfFairBare: 0.7,
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
  for (const level of VIEW_LEVELS) {
    const figures = full.distinct.levels[level];
    verdicts.push({
      goal: `distinct views, ${level}: p95 ≤ ${GOALS.distinctP95Ms} ms at ${full.distinct.connections} connections, 0 failed`,
      pass: figures.n > 0 && figures.p95 <= GOALS.distinctP95Ms && figures.failures === 0,
      detail: `${ms(figures.p95)}${figures.failures > 0 ? `, ${figures.failures} failed` : ''}`,
    });
  }
  for (const ratio of distinctScalingRatios(full, small)) {
    verdicts.push({
      goal: `distinct views, ${ratio.level}: p95 ${full.info.spec.label} ÷ ${small.info.spec.label} ≤ ${GOALS.distinctScalingRatio}`,
      pass: ratio.ratio <= GOALS.distinctScalingRatio,
      detail: `${ms(ratio.fullP95)} ÷ ${ms(ratio.smallP95)} = ${ratio.ratio.toFixed(2)}`,
    });
  }
  if (full.bare) {
    const product = referenceMedians(full.bare.product);
    const bare = referenceMedians(full.bare.bare);
    const share = product.requestsPerSecond / bare.requestsPerSecond;
    verdicts.push({
      goal: `segment 24 h, a window of its own per request: ≥ ${GOALS.shareOfFairBare * 100} % of the fair bare reference's req/s`,
      pass: share >= GOALS.shareOfFairBare && product.failures + bare.failures === 0,
      detail: `${product.requestsPerSecond.toFixed(0)} vs ${bare.requestsPerSecond.toFixed(0)} req/s = ${(share * 100).toFixed(0)} %`,
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

export function distinctScalingRatios(
  full: PhaseResult,
  small: PhaseResult,
): { level: ViewLevel; fullP95: number; smallP95: number; ratio: number }[] {
  return VIEW_LEVELS.map((level) => {
    const fullP95 = full.distinct.levels[level].p95;
    const smallP95 = small.distinct.levels[level].p95;
    return { level, fullP95, smallP95, ratio: fullP95 / smallP95 };
  });
}
