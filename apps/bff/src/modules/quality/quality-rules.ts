import type { QualityReason, QualityState } from '@watchfloor/shared/quality';

/** Thresholds that turn pipeline measurements into a quality state. */
export interface QualityThresholds {
  /** Oldest un-rolled data older than this: degraded. */
  degradedLagSeconds: number;
  /** Oldest un-rolled data older than this: the worker has stalled, unsafe. */
  stalledLagSeconds: number;
  /** This many consecutive empty fleet minutes between data is an ingest gap. */
  gapMinutes: number;
  /** Gaps are looked for only this far back; older history may legitimately be sparse. */
  gapHorizonMinutes: number;
}

export const DEFAULT_THRESHOLDS: QualityThresholds = {
  degradedLagSeconds: 30,
  stalledLagSeconds: 120,
  gapMinutes: 3,
  gapHorizonMinutes: 360,
};

const RANK: Record<QualityState, number> = { ok: 0, degraded: 1, unsafe: 2 };

export function worstState(reasons: QualityReason[]): QualityState {
  return reasons.reduce<QualityState>((worst, reason) => (RANK[reason.severity] > RANK[worst] ? reason.severity : worst), 'ok');
}

export interface Gap {
  from: number;
  to: number;
}

/**
 * Runs of at least `gapMinutes` empty minutes in [fromTs, toTs). Leading emptiness before the
 * first data minute is not a gap (a fleet has a beginning); trailing emptiness is (ingest stopped).
 * Pending minutes count as data: they arrived and are only not rolled up yet.
 */
export function findGaps(perMinute: Map<number, number>, pendingMinutes: Set<number>, fromTs: number, toTs: number, gapMinutes: number): Gap[] {
  const gaps: Gap[] = [];
  let seenData = false;
  let runStart: number | null = null;
  for (let minute = fromTs; minute < toTs; minute += 60_000) {
    const hasData = (perMinute.get(minute) ?? 0) > 0 || pendingMinutes.has(minute);
    if (hasData) {
      if (seenData && runStart !== null && (minute - runStart) / 60_000 >= gapMinutes) gaps.push({ from: runStart, to: minute });
      seenData = true;
      runStart = null;
    } else if (runStart === null) {
      runStart = minute;
    }
  }
  if (seenData && runStart !== null && (toTs - runStart) / 60_000 >= gapMinutes) gaps.push({ from: runStart, to: toTs });
  return gaps;
}

export function clockTime(ts: number): string {
  return new Date(ts).toISOString().slice(11, 16) + ' UTC';
}
