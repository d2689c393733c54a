import { isRange, type Annotation } from '@watchfloor/shared/annotations';
import { externalUrl } from '../lib/external-link.ts';
import { ANNOTATION_LOOK, rangeEnd } from '../lib/charts/annotation-look.ts';
import { paths } from '../lib/paths.ts';
import type { Bounds } from '../lib/time-window.ts';

/** One line of "What changed": a change, an executed action or a deploy record. */
export interface ChangeRow {
  key: string;
  ts: number;
  /** When a change with an end ended; null for an instant. */
  endTs: number | null;
  kindWord: string;
  kind: Annotation['kind'];
  title: string;
  scope: string;
  /** The change's own page (http(s) only). */
  url: string | null;
  /** The action's timeline, inside the app. */
  actionHref: string | null;
}

/** One line of "Alerts": an alert episode (or an alert record) and where it came from. */
export interface AlertRow {
  key: string;
  start: number;
  /** Null while it is still firing, or for an alert recorded at an instant. */
  end: number | null;
  firing: boolean;
  severity: string | null;
  title: string;
  scope: string;
  /** The alert's generatorURL (http(s) only). */
  url: string | null;
}

/** Where a mark applies, in words: an entity, a segment, or the whole fleet. */
export function scopeWords(a: Pick<Annotation, 'segment' | 'entity'>): string {
  if (a.entity) return `entity ${a.entity}`;
  if (a.segment) return `segment ${a.segment}`;
  return 'fleet-wide';
}

function overlaps(a: Annotation, window: Bounds): boolean {
  const end = isRange(a) ? (rangeEnd(a, window.to) ?? a.ts) : a.ts;
  return a.ts <= window.to && end >= window.from;
}

function keyOf(a: Annotation, i: number): string {
  if (a.alertEpisodeId !== undefined) return `alert-${a.alertEpisodeId}`;
  if (a.changeId !== undefined) return `change-${a.changeId}`;
  if (a.actionId !== undefined) return `action-${a.actionId}`;
  return `${a.kind}-${a.ts}-${a.eventId ?? i}`;
}

const newestFirst = (a: Annotation, b: Annotation) => b.ts - a.ts;

/** Changes and actions that happened in (or overlap) the window, newest first. */
export function changeRows(annotations: readonly Annotation[], window: Bounds): ChangeRow[] {
  return annotations
    .filter((a) => a.kind !== 'alert' && overlaps(a, window))
    .sort(newestFirst)
    .map((a, i) => ({
      key: keyOf(a, i),
      ts: a.ts,
      endTs: a.endTs ?? null,
      kind: a.kind,
      kindWord: ANNOTATION_LOOK[a.kind].title,
      title: a.title,
      scope: scopeWords(a),
      url: externalUrl(a.url),
      actionHref: a.actionId ? paths.action(a.actionId) : null,
    }));
}

/**
 * Alert episodes that fired in (or into) the window, newest first; open ones are "firing". Without
 * a window, every alert given (an action's evidence holds only those that mattered).
 */
export function alertRows(annotations: readonly Annotation[], window?: Bounds): AlertRow[] {
  return annotations
    .filter((a) => a.kind === 'alert' && (window === undefined || overlaps(a, window)))
    .sort(newestFirst)
    .map((a, i) => ({
      key: keyOf(a, i),
      start: a.ts,
      end: a.open === true ? null : (a.endTs ?? null),
      firing: a.open === true,
      severity: a.severity ?? null,
      title: a.title,
      scope: scopeWords(a),
      url: externalUrl(a.url),
    }));
}
