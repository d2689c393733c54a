import {
  ASSIST_RULES,
  type AssistEvidence,
  type AssistFinding,
  type AssistScope,
} from '@watchfloor/shared/assist';
import { bandScore, type CheckContext } from './evidence.ts';
import type { Mark } from './inputs.ts';
import { clock, fixed, minutesBetween } from './stats.ts';

const MINUTE = 60_000;

export interface ChangeContext {
  /** The onset minute; the window start without one. */
  onsetTs?: number;
  /** Entities (or segments, for the fleet) the other checks point at. */
  culprits: readonly string[];
}

type MarkClass = 'change' | 'alert' | 'action';
const classOf = (mark: Mark): MarkClass =>
  mark.annotation.kind === 'alert'
    ? 'alert'
    : mark.annotation.kind === 'action'
      ? 'action'
      : 'change';

const SOURCE: Record<MarkClass, AssistEvidence['source']> = {
  change: 'changes',
  alert: 'alert_episodes',
  action: 'actions',
};

/** Same entity (or a culprit) 1, the same segment 0.8, fleet-wide 0.6, another entity of the segment 0.5, elsewhere 0.3. */
export function scopeCloseness(ctx: CheckContext, mark: Mark, culprits: readonly string[]): number {
  const { scope, segmentOfEntity } = ctx.inputs;
  const segment = scope.kind === 'segment' ? scope.id : segmentOfEntity;
  if (mark.entity !== null) {
    if (mark.entity === scope.id || culprits.includes(mark.entity)) return 1;
    if (scope.kind === 'fleet' || mark.segment === segment) return 0.5;
    return 0.3;
  }
  if (mark.segment !== null) {
    if (scope.kind === 'fleet') return culprits.includes(mark.segment) ? 1 : 0.6;
    return mark.segment === segment ? 0.8 : 0.3;
  }
  return 0.6;
}

/**
 * 1 at the anchor, falling linearly to 0 at `changeLookbackMs` before it; a change after the
 * onset's minute cannot have caused it and keeps at most 0.3. Alerts and actions count while they
 * overlap the window from the anchor on.
 */
export function timeCloseness(ctx: CheckContext, mark: Mark, anchor: number): number {
  const { ts } = mark.annotation;
  const end = mark.annotation.open ? Infinity : (mark.annotation.endTs ?? ts);
  const lookback = ASSIST_RULES.changeLookbackMs;
  if (classOf(mark) !== 'change') {
    if (end >= anchor && ts <= ctx.inputs.window.to) return 1;
    return Math.max(0, 1 - (anchor - end) / lookback);
  }
  if (ts < anchor + MINUTE) return Math.max(0, 1 - Math.max(0, anchor - ts) / lookback);
  const rest = Math.max(MINUTE, ctx.inputs.window.to - anchor);
  return 0.3 * Math.max(0, 1 - (ts - anchor) / rest);
}

const inRange = (ctx: CheckContext, mark: Mark): boolean => {
  const from = ctx.inputs.window.from - ASSIST_RULES.changeLookbackMs;
  const { ts, endTs, open } = mark.annotation;
  const end = open ? Infinity : (endTs ?? ts);
  return ts <= ctx.inputs.window.to && end >= from;
};

function markScope(mark: Mark): AssistScope {
  if (mark.entity !== null) return { kind: 'entity', id: mark.entity };
  if (mark.segment !== null) return { kind: 'segment', id: mark.segment };
  return { kind: 'fleet' };
}

function subjectId(mark: Mark): string {
  const a = mark.annotation;
  if (a.changeId) return a.changeId;
  if (a.alertEpisodeId !== undefined) return String(a.alertEpisodeId);
  if (a.actionId !== undefined) return String(a.actionId);
  return a.eventId ?? `${a.kind}@${new Date(a.ts).toISOString()}`;
}

function describeTime(mark: Mark, anchor: number, anchorName: string): string {
  const a = mark.annotation;
  if (classOf(mark) === 'alert')
    return a.open
      ? `firing since ${clock(a.ts)}, still firing`
      : `firing ${clock(a.ts)}–${clock(a.endTs ?? a.ts)}`;
  const minutes = minutesBetween(a.ts, anchor);
  if (a.ts <= anchor) return `${minutes} min before the ${anchorName}`;
  return `${minutes} min after the ${anchorName}`;
}

/** What changed: changes, alert episodes and actions on the scope in [from − lookback, to], ranked. */
export function whatChanged(ctx: CheckContext, context: ChangeContext): AssistFinding[] {
  const { window } = ctx.inputs;
  const anchor = context.onsetTs ?? window.from;
  const anchorName = context.onsetTs !== undefined ? 'onset' : 'window start';
  const searched = { from: window.from - ASSIST_RULES.changeLookbackMs, to: window.to };
  const marks = ctx.inputs.marks.filter((mark) => inRange(ctx, mark));
  if (marks.length === 0)
    return [
      {
        check: 'what_changed',
        interesting: false,
        title: 'Nothing changed: no changes, alerts or actions on this scope',
        message: `Checked changes, alert episodes and actions from ${ASSIST_RULES.changeLookbackMs / MINUTE} min before the window to its end.`,
        score: 0,
        evidence: (['changes', 'alert_episodes', 'actions'] as const).map((source) => ({
          source,
          scope: ctx.inputs.scope,
          window: searched,
          figure: 'marks found',
          value: 0,
          link: ctx.links.scope(ctx.inputs.scope, searched),
        })),
      },
    ];
  return marks.map((mark) => {
    const kind = classOf(mark);
    const scope = scopeCloseness(ctx, mark, context.culprits);
    const time = timeCloseness(ctx, mark, anchor);
    const strength = scope * time;
    const before = mark.annotation.ts < anchor + MINUTE;
    const interesting = scope >= 0.6 && (kind === 'change' ? before && time > 0 : time >= 1);
    const where = markScope(mark);
    const title = `${mark.annotation.kind} "${mark.annotation.title}" on ${where.id ?? 'the fleet'}, ${describeTime(mark, anchor, anchorName)}`;
    const subjectKind = kind === 'change' ? 'change' : kind;
    return {
      check: 'what_changed' as const,
      interesting,
      title,
      message: `Closeness in time ${fixed(time, 2)} × in scope ${fixed(scope, 2)} = ${fixed(strength, 2)}.${kind === 'change' && !before ? ' It came after the onset, so it did not start it.' : ''}`,
      score: interesting
        ? bandScore(kind === 'change' ? 'change' : 'signal', strength)
        : strength / 10,
      subject: { kind: subjectKind, id: subjectId(mark) },
      evidence: [
        {
          source: SOURCE[kind],
          scope: where,
          window: searched,
          figure: `minutes before the ${anchorName}`,
          value: (anchor - mark.annotation.ts) / MINUTE,
          link: ctx.links.scope(where, searched),
        },
      ],
    };
  });
}
