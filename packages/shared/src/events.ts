import { z } from 'zod';
import { EVENT_KINDS, EVENT_STATUSES, SlugSchema } from './ingest.ts';

export const EVENTS_PAGE_MAX = 500;
export const EVENTS_PAGE_DEFAULT = 100;
/** The raw-events filters; each needs a scope (entityId or segmentId). */
export const EVENTS_FILTERS = ['status', 'kind', 'errorClass'] as const;

/** Query of the raw-events level: one scope (entity or segment), optional filters, keyset cursor. */
export const EventsQuerySchema = z
  .object({
    entityId: SlugSchema.optional(),
    segmentId: SlugSchema.optional(),
    status: z.enum(EVENT_STATUSES).optional(),
    kind: z.enum(EVENT_KINDS).optional(),
    errorClass: z.string().min(1).max(64).optional(),
    cursor: z.string().min(1).max(512).optional(),
    limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX).default(EVENTS_PAGE_DEFAULT),
  })
  .superRefine((q, ctx) => {
    if ((q.entityId === undefined) !== (q.segmentId === undefined)) return;
    ctx.addIssue({
      code: 'custom',
      message: 'give exactly one of entityId or segmentId',
      path: ['entityId'],
    });
    if (q.entityId !== undefined) return;
    // Raw events are filtered only within one scope, where an index holds the filter: a
    // fleet-wide filter would read every event of the window, so it is refused up front.
    for (const filter of EVENTS_FILTERS)
      if (q[filter] !== undefined)
        ctx.addIssue({
          code: 'custom',
          message:
            'filters raw events of one entity or segment only: give entityId or segmentId with it',
          path: [filter],
        });
  });
export type EventsQuery = z.infer<typeof EventsQuerySchema>;

export const RawEventSchema = z.object({
  id: z.string(),
  ts: z.number().int(),
  segment: z.string(),
  entity: z.string(),
  kind: z.enum(EVENT_KINDS),
  status: z.enum(EVENT_STATUSES),
  errorClass: z.string().nullable(),
  latencyMs: z.number().nullable(),
  value: z.number().nullable(),
  message: z.string().nullable(),
  traceId: z.string().nullable(),
  /** The trace in the team's trace viewer (WATCHFLOOR_TRACE_URL), when both are known. */
  traceUrl: z.string().nullable(),
  attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
export type RawEvent = z.infer<typeof RawEventSchema>;

export const EventsPageSchema = z.object({
  events: z.array(RawEventSchema),
  /** Opaque; absent on the last page. */
  nextCursor: z.string().optional(),
});
export type EventsPage = z.infer<typeof EventsPageSchema>;
