import { z } from 'zod';
import { EVENT_KINDS, EVENT_STATUSES, SlugSchema } from './ingest.ts';

export const EVENTS_PAGE_MAX = 500;
export const EVENTS_PAGE_DEFAULT = 100;

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
  .refine((q) => (q.entityId === undefined) !== (q.segmentId === undefined), {
    message: 'give exactly one of entityId or segmentId',
    path: ['entityId'],
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
  attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
export type RawEvent = z.infer<typeof RawEventSchema>;

export const EventsPageSchema = z.object({
  events: z.array(RawEventSchema),
  /** Opaque; absent on the last page. */
  nextCursor: z.string().optional(),
});
export type EventsPage = z.infer<typeof EventsPageSchema>;
