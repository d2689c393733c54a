import { ASSIST_RULES, type Novelty, type SimilarIncident } from '@watchfloor/shared/assist';
import type { CheckContext } from './evidence.ts';
import type { PastIncident } from './inputs.ts';

export type Shape = PastIncident['shape'];

/** What the current window looks like, to compare with past incidents. */
export interface Signature {
  segments: string[];
  entities: string[];
  errorClasses: string[];
  shape: Shape;
}

/** Weights of the signature's parts in the overlap; they sum to 1 (docs/assist.md). */
export const SIGNATURE_WEIGHTS = {
  segment: 0.15,
  entities: 0.35,
  errorClasses: 0.35,
  shape: 0.15,
} as const;

/** Jaccard index; two empty sets agree (neither incident had any). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 && right.size === 0) return 1;
  let both = 0;
  for (const item of left) if (right.has(item)) both += 1;
  return both / (left.size + right.size - both);
}

/** Same shape 1; "both" against errors or latency 0.5; errors against latency 0. */
export function shapeAgreement(a: Shape, b: Shape): number {
  if (a === b) return 1;
  return a === 'both' || b === 'both' ? 0.5 : 0;
}

export function overlap(current: Signature, past: PastIncident): number {
  const w = SIGNATURE_WEIGHTS;
  const value =
    w.segment * jaccard(current.segments, [past.segment]) +
    w.entities * jaccard(current.entities, past.entities) +
    w.errorClasses * jaccard(current.errorClasses, past.errorClasses) +
    w.shape * shapeAgreement(current.shape, past.shape);
  return Math.min(1, Math.max(0, value));
}

export interface SimilarVerdict {
  similar: SimilarIncident[];
  novelty: Novelty;
}

/**
 * Past incidents whose signature overlaps the current one by at least `similarMinOverlap`, newest
 * first; novelty is the share of the last 30 days' incidents that were similar.
 */
export function similarIncidents(ctx: CheckContext, current: Signature): SimilarVerdict {
  const { pastIncidents, incidentsLast30Days, window } = ctx.inputs;
  const matches = pastIncidents
    .map((incident) => ({ incident, overlap: overlap(current, incident) }))
    .filter((m) => m.overlap >= ASSIST_RULES.similarMinOverlap)
    .sort(
      (a, b) =>
        b.incident.start - a.incident.start ||
        (a.incident.segment < b.incident.segment
          ? -1
          : a.incident.segment > b.incident.segment
            ? 1
            : 0),
    );
  const similar = matches.slice(0, ASSIST_RULES.similarMax).map(({ incident, overlap }) => ({
    segment: incident.segment,
    start: incident.start,
    end: incident.end,
    durationMinutes: Math.max(0, incident.end - incident.start) / 60_000,
    ongoing: incident.ongoing,
    overlap,
    signature: {
      entities: [...incident.entities],
      errorClasses: [...incident.errorClasses],
      shape: incident.shape,
    },
    actions: [...incident.actions].sort((a, b) => a.at - b.at || a.id - b.id),
    link: ctx.links.scope(
      { kind: 'segment', id: incident.segment },
      { from: incident.start, to: incident.end },
    ),
  }));
  const since = window.from - ASSIST_RULES.noveltyLookbackMs;
  const recent = matches.filter((m) => m.incident.start >= since).length;
  const share = incidentsLast30Days > 0 ? Math.min(1, recent / incidentsLast30Days) : 0;
  const label =
    recent === 0 ? 'new' : share >= ASSIST_RULES.noveltyFrequentShare ? 'frequent' : 'rare';
  return {
    similar,
    novelty: { label, share, similarIncidents: recent, incidents: incidentsLast30Days },
  };
}
