import { z } from 'zod';

/** What a change says it was; the sender's word, shown on the flag. */
export const CHANGE_TYPES = ['deploy', 'config', 'flag', 'infra', 'other'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** Every kind of mark on a chart: the change types, alert episodes and control actions. */
export const ANNOTATION_KINDS = [...CHANGE_TYPES, 'alert', 'action'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/**
 * Where a mark came from: an event flagged as a deploy or alert, a change event, an Alertmanager
 * alert episode, or an executed control action.
 */
export const ANNOTATION_SOURCES = ['event', 'change', 'alert', 'action'] as const;

/**
 * One mark on a chart, the one model for actions, alerts and changes. An instant when `endTs` is
 * null or absent (a deploy, an action); a range otherwise (an alert episode, a change with an end).
 * An open range (`open`, an alert still firing) runs to now: `endTs` is then null.
 */
export const AnnotationSchema = z.object({
  ts: z.number().int(),
  endTs: z.number().int().nullable().optional(),
  open: z.boolean().optional(),
  kind: z.enum(ANNOTATION_KINDS),
  source: z.enum(ANNOTATION_SOURCES).optional(),
  title: z.string(),
  /** The raw event behind an event-sourced flag. */
  eventId: z.string().nullable(),
  /** Set on control-action flags: the action whose timeline the flag opens. */
  actionId: z.number().int().positive().optional(),
  /** Set on alert episodes: the episode's id (for evidence and links). */
  alertEpisodeId: z.number().int().positive().optional(),
  /** Set on change events: the sender's change id. */
  changeId: z.string().optional(),
  /** Where the mark leads outside Watchfloor: a change's url, an alert's generatorURL. */
  url: z.string().nullable().optional(),
  /** An alert's severity label, when it has one. */
  severity: z.string().nullable().optional(),
  /** The scope the mark belongs to; both null: fleet-wide. */
  segment: z.string().nullable().optional(),
  entity: z.string().nullable().optional(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

/** True for marks that span time (drawn as bands), false for instants (drawn as flags). */
export const isRange = (a: Pick<Annotation, 'endTs' | 'open'>): boolean =>
  a.open === true || (a.endTs !== null && a.endTs !== undefined);
