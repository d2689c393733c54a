import { z } from 'zod';
import { envelopeSchema } from './api-envelope.ts';
import { SlugSchema } from './ingest.ts';
import { HealthStatusSchema } from './overview.ts';

/** What may be acknowledged: a segment's or an entity's current incident. */
export const ACKNOWLEDGEMENT_SCOPE_KINDS = ['segment', 'entity'] as const;
export const AcknowledgementScopeKindSchema = z.enum(ACKNOWLEDGEMENT_SCOPE_KINDS);
export type AcknowledgementScopeKind = z.infer<typeof AcknowledgementScopeKindSchema>;

export const AcknowledgementScopeSchema = z.strictObject({
  kind: AcknowledgementScopeKindSchema,
  slug: SlugSchema,
});
export type AcknowledgementScope = z.infer<typeof AcknowledgementScopeSchema>;

/** Longest comment an acknowledgement carries ("I'm on it", what is being tried, where to talk). */
export const ACKNOWLEDGEMENT_COMMENT_MAX = 500;

/** `POST /api/v1/acknowledgements`: acknowledge the scope's current incident with a comment. */
export const AcknowledgeRequestSchema = z.strictObject({
  scope: AcknowledgementScopeSchema,
  // Trimmed first: a comment of spaces says nothing, so it is as missing as an empty one.
  comment: z.string().trim().min(1).max(ACKNOWLEDGEMENT_COMMENT_MAX),
});
export type AcknowledgeRequest = z.infer<typeof AcknowledgeRequestSchema>;

/** Why an acknowledgement stopped being active. */
export const ACKNOWLEDGEMENT_CLEAR_REASONS = ['resolved'] as const;
export const AcknowledgementClearReasonSchema = z.enum(ACKNOWLEDGEMENT_CLEAR_REASONS);

/**
 * One user's acknowledgement of a scope's current incident. `scope.segment` is the segment the
 * scope belongs to (itself for a segment), so a list can link to the page. A user acknowledging
 * the same incident again replaces the comment of this one record.
 */
export const AcknowledgementSchema = z.object({
  id: z.number().int().positive(),
  scope: z.object({
    kind: AcknowledgementScopeKindSchema,
    slug: z.string(),
    segment: z.string(),
  }),
  comment: z.string(),
  by: z.object({ username: z.string(), displayName: z.string() }),
  /** Database time of the (latest) acknowledgement, epoch ms. */
  acknowledgedAt: z.number().int(),
  /** The scope's live status when it was acknowledged. */
  status: HealthStatusSchema,
  clearedAt: z.number().int().nullable(),
  clearedReason: AcknowledgementClearReasonSchema.nullable(),
});
export type Acknowledgement = z.infer<typeof AcknowledgementSchema>;

/** `GET /api/v1/acknowledgements?active=1`: the acknowledgements of incidents still going on. */
export const AcknowledgementListQuerySchema = z.strictObject({
  // Only active ones are listed: history lives in the audit trail (incident.acknowledged…).
  active: z.literal('1').default('1'),
});

export const AcknowledgementListSchema = z.object({
  acknowledgements: z.array(AcknowledgementSchema),
});
export type AcknowledgementList = z.infer<typeof AcknowledgementListSchema>;

export const AcknowledgementListResponseSchema = envelopeSchema(AcknowledgementListSchema);
export type AcknowledgementListResponse = z.infer<typeof AcknowledgementListResponseSchema>;

export const AcknowledgementResponseSchema = envelopeSchema(AcknowledgementSchema);
export type AcknowledgementResponse = z.infer<typeof AcknowledgementResponseSchema>;

/** The acknowledgements of one scope, oldest first (who was on it first leads). */
export function acknowledgementsOf(
  list: readonly Acknowledgement[],
  scope: AcknowledgementScope,
): Acknowledgement[] {
  return list
    .filter((a) => a.scope.kind === scope.kind && a.scope.slug === scope.slug)
    .sort((a, b) => a.acknowledgedAt - b.acknowledgedAt || a.id - b.id);
}
