import type { EntityDetail, SegmentDetail } from '@watchfloor/shared/drilldown';
import type { Evidence } from '@watchfloor/shared/actions/api';
import type { Quality } from '@watchfloor/shared/quality';

export type Figures = Evidence['figures'];

/** A target's key figures over one window, with the trust of the data behind them. */
export interface TargetSnapshot {
  window: { from: number; to: number };
  figures: Figures;
  quality: Quality;
}

/** The figures an approver needs to judge an entity action: traffic, errors, latency, state. */
export function entityFigures(detail: EntityDetail): Figures {
  const { entity } = detail;
  return {
    state: entity.state,
    requests: entity.requests,
    errors: entity.errors,
    errorRatio: entity.errorRatio,
    p95Ms: entity.latency.p95Ms,
  };
}

export function segmentFigures(detail: SegmentDetail): Figures {
  const { segment } = detail;
  return {
    activeEntities: segment.activeEntities,
    silentEntities: segment.silentEntities,
    requests: segment.requests,
    errors: segment.errors,
    errorRatio: segment.errorRatio,
    p95Ms: segment.latency.p95Ms,
  };
}

/** Evidence as the API takes it: the view, its window, the figures and the data's trust at that moment. */
export function toEvidence(viewUrl: string, snapshot: TargetSnapshot): Evidence {
  return {
    viewUrl,
    window: snapshot.window,
    figures: snapshot.figures,
    watermark: snapshot.quality.watermark,
    quality: {
      state: snapshot.quality.state,
      completeness: snapshot.quality.completeness,
      freshnessLagSeconds: snapshot.quality.freshnessLagSeconds,
    },
  };
}

export interface FigureChange {
  name: string;
  then: Figures[string] | undefined;
  now: Figures[string] | undefined;
  /** In words, so a change is never shown by colour alone. */
  change: 'up' | 'down' | 'same' | 'changed' | 'unknown';
}

/** Each figure of the proposal beside its value now. */
export function compareFigures(then: Figures, now: Figures | undefined): FigureChange[] {
  return Object.entries(then).map(([name, before]) => {
    const after = now?.[name];
    return { name, then: before, now: after, change: changeOf(before, after, now !== undefined) };
  });
}

function changeOf(
  before: Figures[string] | undefined,
  after: Figures[string] | undefined,
  known: boolean,
): FigureChange['change'] {
  if (!known || after === undefined) return 'unknown';
  if (typeof before === 'number' && typeof after === 'number') {
    const tolerance = Math.max(Math.abs(before), Math.abs(after)) * 0.01;
    if (Math.abs(after - before) <= tolerance) return 'same';
    return after > before ? 'up' : 'down';
  }
  return before === after ? 'same' : 'changed';
}

/** A window of the same length as the proposal's, ending now: the "now" of a comparison. */
export function sameLengthEndingNow(
  window: { from: number; to: number },
  now: number,
): { from: number; to: number } {
  const minute = 60_000;
  const to = Math.floor(now / minute) * minute;
  return { from: to - (window.to - window.from), to };
}
