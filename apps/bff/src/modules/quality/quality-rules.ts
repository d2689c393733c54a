import { QUALITY_RULES } from '@watchfloor/shared/quality';

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
  /**
   * A minute that closed less than this long ago may still be pending without lowering the state:
   * the worker rolls it up in its next tick. Older pending minutes count as late data.
   */
  pendingGraceSeconds?: number;
}

export const DEFAULT_THRESHOLDS: QualityThresholds = {
  degradedLagSeconds: 30,
  stalledLagSeconds: 120,
  gapMinutes: 3,
  gapHorizonMinutes: 360,
};

export const DEFAULT_PENDING_GRACE_SECONDS = 30;

export interface Gap {
  from: number;
  to: number;
}

/**
 * Runs of at least `gapMinutes` empty minutes in [fromTs, toTs). Leading emptiness before the
 * first data minute is not a gap (a fleet has a beginning); trailing emptiness is (ingest stopped).
 * Pending minutes count as data: they arrived and are only not rolled up yet. A minute with fewer
 * than `emptyBelow` events counts as empty: traffic that fell to almost nothing is a gap too.
 */
export function findGaps(
  perMinute: Map<number, number>,
  pendingMinutes: Set<number>,
  fromTs: number,
  toTs: number,
  gapMinutes: number,
  emptyBelow = 1,
): Gap[] {
  const gaps: Gap[] = [];
  let seenData = false;
  let runStart: number | null = null;
  for (let minute = fromTs; minute < toTs; minute += 60_000) {
    const hasData =
      (perMinute.get(minute) ?? 0) >= Math.max(1, emptyBelow) || pendingMinutes.has(minute);
    if (hasData) {
      if (seenData && runStart !== null && (minute - runStart) / 60_000 >= gapMinutes)
        gaps.push({ from: runStart, to: minute });
      seenData = true;
      runStart = null;
    } else if (runStart === null) {
      runStart = minute;
    }
  }
  if (seenData && runStart !== null && (toTs - runStart) / 60_000 >= gapMinutes)
    gaps.push({ from: runStart, to: toTs });
  return gaps;
}

/**
 * Events below which a minute of this scope counts as empty: a small share of its median minute,
 * so a scope whose traffic fell to ~0 shows a gap while a sparse sender's quiet minutes do not.
 */
export function emptyMinuteFloor(perMinute: ReadonlyMap<number, number>): number {
  const counts = [...perMinute.values()].filter((n) => n > 0).sort((a, b) => a - b);
  if (counts.length === 0) return 1;
  const median = counts[Math.floor(counts.length / 2)]!;
  return Math.max(1, Math.ceil(median * QUALITY_RULES.lowTrafficShare));
}

/**
 * The shortest run of empty minutes that is a gap for this scope: the configured minimum, or
 * several of its usual intervals between minutes with events when it sends less often than that.
 */
export function gapMinutesFor(
  minutesWithData: number,
  spanMinutes: number,
  gapMinutes: number,
): number {
  if (minutesWithData <= 0) return gapMinutes;
  return Math.max(
    gapMinutes,
    Math.round(QUALITY_RULES.silenceCadenceMultiple * (spanMinutes / minutesWithData)),
  );
}
