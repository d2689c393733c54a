import { z } from 'zod';
import { CHANGE_TYPES } from '../annotations.ts';
import { CanonicalIdSchema, SlugSchema, TimestampSchema } from '../ingest.ts';

export const CHANGES_MAX_ITEMS = 1_000;

const AttrValueSchema = z.union([z.string().max(256), z.number().finite(), z.boolean(), z.null()]);

/**
 * One change event: a deploy, config change, feature flag flip or infrastructure change. `entity`
 * needs `segment`; neither: fleet-wide. `end` absent: an instant.
 */
export const ChangeEventSchema = z
  .strictObject({
    id: CanonicalIdSchema,
    type: z.enum(CHANGE_TYPES),
    title: z.string().trim().min(1).max(256),
    url: z
      .string()
      .max(2_000)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
      .nullish(),
    start: TimestampSchema,
    end: TimestampSchema.nullish(),
    segment: SlugSchema.nullish(),
    entity: SlugSchema.nullish(),
    attributes: z
      .record(z.string().min(1).max(64), AttrValueSchema)
      .refine((a) => Object.keys(a).length <= 32, 'must have at most 32 keys')
      .nullish(),
  })
  .superRefine((change, ctx) => {
    if (change.end !== null && change.end !== undefined && change.end < change.start)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must not be before start' });
    if (change.entity && !change.segment)
      ctx.addIssue({ code: 'custom', path: ['segment'], message: 'is required with entity' });
  });
export type ChangeEventInput = z.input<typeof ChangeEventSchema>;
export type ChangeEvent = z.output<typeof ChangeEventSchema>;

/** The envelope is checked before any item: a malformed envelope is a 422 and nothing is written. */
export const ChangesEnvelopeSchema = z.strictObject({
  changes: z.array(z.unknown()).min(1).max(CHANGES_MAX_ITEMS),
});

export const CHANGE_REJECTION_CODES = [
  'invalid_field',
  'ts_in_future',
  'ts_too_old',
  'unknown_scope',
  'conflict',
] as const;

export const ChangeRejectionSchema = z.object({
  index: z.number().int().nonnegative(),
  id: z.string().optional(),
  code: z.enum(CHANGE_REJECTION_CODES),
  field: z.string().optional(),
  message: z.string(),
});

export const ChangesResultSchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rejected: z.array(ChangeRejectionSchema),
});
export type ChangesResult = z.infer<typeof ChangesResultSchema>;
