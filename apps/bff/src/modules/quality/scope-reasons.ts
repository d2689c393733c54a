import { QUALITY_RULES, type QualityReason } from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import { utcClock, utcDateTime } from '@watchfloor/shared/utc-text';
import type { Gap } from './quality-rules.ts';
import type { PendingOfScope } from './pending-marks.repository.ts';
import type { Silence } from './silence.ts';

/**
 * The scope's own part of a quality verdict (pending data, silence, gaps, coverage), as pure rules
 * over facts already read. Pipeline-wide reasons (lag, worker, outages, reconciliation) are added
 * by the caller. Every rule's threshold is in QUALITY_RULES and docs/quality.md.
 */

const MINUTE = 60_000;

export interface SilentMember {
  slug: string;
  silence: Silence;
}

export interface ScopeFacts {
  /** "segment payments-eu", "entity api-3", "the fleet": how messages name the scope. */
  label: string;
  kind: 'fleet' | 'segment' | 'entity';
  window: TimeWindow;
  now: number;
  /** Closed pending minutes that closed less than this long ago do not count yet. */
  pendingGraceMs: number;
  pending: PendingOfScope | undefined;
  /** Active entities of the scope, and the silent ones among them. */
  activeEntities: number;
  silent: readonly SilentMember[];
  gaps: readonly Gap[];
  /** The scope's first minute with data (rolled up or pending); null when it has none. */
  firstData: number | null;
}

export interface ScopeVerdict {
  reasons: QualityReason[];
  /** Minutes of the window the figures are missing or low for. */
  incompleteMinutes: number;
  /** How far behind event time the scope's final data is (late data), in seconds. */
  eventLagSeconds: number;
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const minutesText = (ms: number) =>
  ms >= 2 * 3_600_000
    ? `${Math.round(ms / 360_000) / 10} h`
    : `${Math.max(1, Math.round(ms / MINUTE))} min`;

/** Pending data by event time: late or re-sent minutes make the figures low until rolled up. */
export function pendingReasons(
  facts: Pick<ScopeFacts, 'pending' | 'now' | 'window' | 'pendingGraceMs'>,
  windowMinutes: number,
): { reasons: QualityReason[]; lateMinutes: number; eventLagSeconds: number } {
  const { pending, now } = facts;
  if (!pending) return { reasons: [], lateMinutes: 0, eventLagSeconds: 0 };
  const reasons: QualityReason[] = [];
  // The minute that just closed gets a short grace: the worker takes it on its next tick.
  const inGrace =
    pending.closedMinutes === 1 &&
    pending.oldestClosed !== null &&
    now - (pending.oldestClosed + MINUTE) < facts.pendingGraceMs;
  const lateMinutes = inGrace ? 0 : pending.closedMinutes;
  if (lateMinutes > 0 && pending.oldestClosed !== null && pending.newestClosed !== null) {
    const share = lateMinutes / Math.max(1, windowMinutes);
    const span = `${utcClock(pending.oldestClosed, now)}–${utcClock(pending.newestClosed + MINUTE, now)}`;
    const events =
      pending.closedEvents > 0
        ? plural(pending.closedEvents, 'event', 'events')
        : plural(lateMinutes, 'minute of events', 'minutes of events');
    const low = share > QUALITY_RULES.pendingDegradedShare;
    reasons.push({
      code: 'pending',
      severity: low ? 'degraded' : 'ok',
      message: `${events} from ${span} ${pending.closedEvents === 1 ? 'is' : 'are'} still being rolled up${low ? '; figures are low' : ''}.`,
      from: pending.oldestClosed,
      to: pending.newestClosed + MINUTE,
    });
  } else if (pending.openPending || inGrace) {
    reasons.push({
      code: 'partial',
      severity: 'ok',
      message: 'The newest minute is still being rolled up and is shown as partial.',
    });
  }
  const eventLagSeconds =
    lateMinutes > 0 && pending.oldestClosed !== null
      ? Math.max(0, (now - (pending.oldestClosed + MINUTE)) / 1000)
      : 0;
  return { reasons, lateMinutes, eventLagSeconds };
}

/** Silence of the scope itself: an entity that stopped sending, or a share of a segment's entities. */
export function silenceReasons(
  facts: Pick<ScopeFacts, 'label' | 'kind' | 'silent' | 'activeEntities' | 'window' | 'now'>,
): { reasons: QualityReason[]; silentMinutes: number } {
  const { silent, activeEntities } = facts;
  if (silent.length === 0 || activeEntities === 0) return { reasons: [], silentMinutes: 0 };
  const windowEnd = Math.min(facts.window.to, facts.now);
  // A window that has not started yet has no quiet minutes, whoever is silent now.
  const quietMinutes = (s: Silence) =>
    Math.max(0, Math.min(windowEnd - facts.window.from, windowEnd - s.lastSeenAt)) / MINUTE;
  const since = (s: Silence) =>
    `nothing since ${utcClock(s.lastSeenAt, facts.now)} (${minutesText(windowEnd - s.lastSeenAt)})`;
  const usual = (s: Silence) =>
    s.usualIntervalMs === null ? '' : `; it usually sends every ${minutesText(s.usualIntervalMs)}`;
  if (facts.kind === 'entity') {
    const only = silent[0]!;
    return {
      reasons: [
        {
          code: 'silent',
          severity: 'unsafe',
          message: `${capitalise(facts.label)} has sent ${since(only.silence)}${usual(only.silence)}: its figures say nothing about now.`,
          from: only.silence.lastSeenAt,
          to: windowEnd,
        },
      ],
      silentMinutes: quietMinutes(only.silence),
    };
  }
  const share = silent.length / activeEntities;
  const named = silent
    .slice(0, 3)
    .map((s) => `${s.slug} (${since(s.silence)})`)
    .join(', ');
  const more = silent.length > 3 ? ` and ${silent.length - 3} more` : '';
  const severity = share >= QUALITY_RULES.silentShareUnsafe ? 'unsafe' : 'degraded';
  return {
    reasons: [
      {
        code: 'silent',
        severity,
        message: `${silent.length} of ${plural(activeEntities, 'active entity', 'active entities')} in ${facts.label} stopped sending: ${named}${more}. Its figures have nothing from them since.`,
      },
    ],
    silentMinutes: silent.reduce((sum, s) => sum + quietMinutes(s.silence), 0) / activeEntities,
  };
}

/** Gaps of the scope's own data, with their exact times. */
export function gapReasons(facts: Pick<ScopeFacts, 'label' | 'gaps' | 'now'>): {
  reasons: QualityReason[];
  gapMinutes: number;
} {
  let gapMinutes = 0;
  const reasons = facts.gaps.map((gap): QualityReason => {
    gapMinutes += (gap.to - gap.from) / MINUTE;
    return {
      code: 'ingest_gap',
      severity: 'unsafe',
      message: `No events (or almost none) were received for ${facts.label} from ${utcClock(gap.from, facts.now)} to ${utcClock(gap.to, facts.now)}.`,
      from: gap.from,
      to: gap.to,
    };
  });
  return { reasons, gapMinutes };
}

/** Coverage: a window in the future, before the scope's first data, or without any data says so. */
export function coverageReasons(
  facts: Pick<ScopeFacts, 'label' | 'window' | 'now' | 'firstData'>,
): { reasons: QualityReason[]; uncoveredMinutes: number } {
  const { window, now, firstData } = facts;
  const length = window.to - window.from;
  const reasons: QualityReason[] = [];
  let uncoveredMs = 0;
  if (window.from >= now) {
    return {
      reasons: [
        {
          code: 'no_data_yet',
          severity: 'unsafe',
          message: `This window starts at ${utcDateTime(window.from)}, in the future: there is no data for it yet.`,
          from: window.from,
          to: window.to,
        },
      ],
      uncoveredMinutes: length / MINUTE,
    };
  }
  const futureMs = Math.max(0, window.to - now);
  if (futureMs > MINUTE) {
    uncoveredMs += futureMs;
    const share = futureMs / length;
    reasons.push({
      code: 'no_data_yet',
      severity: share > QUALITY_RULES.uncoveredDegradedShare ? 'degraded' : 'ok',
      message: `The last ${minutesText(futureMs)} of this window are in the future: no data yet.`,
      from: now,
      to: window.to,
    });
  }
  const windowEnd = Math.min(window.to, now);
  if (firstData === null) {
    reasons.push({
      code: 'no_data',
      severity: 'unsafe',
      message: `No events have been received for ${facts.label}.`,
    });
    return { reasons, uncoveredMinutes: length / MINUTE };
  }
  if (firstData >= windowEnd) {
    reasons.push({
      code: 'before_first_data',
      severity: 'unsafe',
      message: `Data for ${facts.label} begins at ${utcDateTime(firstData)}; this window ends before it.`,
      from: window.from,
      to: windowEnd,
    });
    return { reasons, uncoveredMinutes: length / MINUTE };
  }
  if (firstData > window.from) {
    const beforeMs = firstData - window.from;
    uncoveredMs += beforeMs;
    const share = beforeMs / length;
    if (share > QUALITY_RULES.uncoveredDegradedShare) {
      reasons.push({
        code: 'before_first_data',
        severity: 'degraded',
        message: `Data for ${facts.label} begins at ${utcDateTime(firstData)}: the first ${minutesText(beforeMs)} of this window have none.`,
        from: window.from,
        to: firstData,
      });
    }
  }
  return { reasons, uncoveredMinutes: uncoveredMs / MINUTE };
}

/** Every scope rule together: its reasons, the minutes they make incomplete and the event-time lag. */
export function scopeVerdict(facts: ScopeFacts): ScopeVerdict {
  const windowMinutes = Math.max(
    1,
    Math.ceil((Math.min(facts.window.to, facts.now) - facts.window.from) / MINUTE),
  );
  const pending = pendingReasons(facts, windowMinutes);
  const silence = silenceReasons(facts);
  const gaps = gapReasons(facts);
  const coverage = coverageReasons(facts);
  return {
    reasons: [...coverage.reasons, ...silence.reasons, ...gaps.reasons, ...pending.reasons],
    incompleteMinutes:
      pending.lateMinutes + silence.silentMinutes + gaps.gapMinutes + coverage.uncoveredMinutes,
    eventLagSeconds: pending.eventLagSeconds,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
