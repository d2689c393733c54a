import { z } from 'zod';

/** One audit record: hash-chained to its predecessor. `payload` is the parsed canonical JSON. */
export const AuditRecordSchema = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  actor: z.string(),
  event: z.string(),
  subject: z.string(),
  actionId: z.number().int().nullable(),
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** `GET /api/v1/audit`: newest first, keyset pages by sequence number. */
export const AuditQuerySchema = z.strictObject({
  actor: z.string().min(1).max(64).optional(),
  event: z.string().min(1).max(64).optional(),
  actionId: z.coerce.number().int().positive().optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'is not a cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({
  records: z.array(AuditRecordSchema),
  nextCursor: z.string().optional(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** The chain check: the first record that does not match, if any, and the checkpoint compared against. */
export const AuditVerificationSchema = z.object({
  ok: z.boolean(),
  checkedRecords: z.number().int(),
  lastSeq: z.number().int(),
  firstMismatch: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  checkpoint: z
    .object({
      seq: z.number().int(),
      hash: z.string(),
      signedAt: z.number().int(),
      signatureValid: z.boolean(),
    })
    .nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
