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
  /** Event names are ASCII (`action.proposed`); anything else matches nothing and is refused. */
  event: z
    .string()
    .min(1)
    .max(64)
    .regex(
      /^[A-Za-z0-9._:-]+$/,
      'must be an event name (ASCII letters, digits, ".", "_", ":", "-")',
    )
    .optional(),
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
/** The external anchors of the audit log (checkpoint copies the database cannot rewrite). */
export const AuditAnchorReportSchema = z.object({
  dir: z.string(),
  /** Valid anchors found. */
  checkpoints: z.number().int(),
  /** The highest record they vouch for. */
  throughSeq: z.number().int(),
  last: z
    .object({
      checkpoint: z.number().int(),
      seq: z.number().int(),
      hash: z.string(),
      signedAt: z.number().int(),
    })
    .nullable(),
  keyFingerprints: z.array(z.string()),
  /** Signed with the published demo key: proves nothing against someone who read the README. */
  demoKey: z.boolean(),
  problems: z.array(
    z.object({ checkpoint: z.number().int(), seq: z.number().int(), reason: z.string() }),
  ),
  /** Anchored checkpoints whose copy in the database is gone. */
  missingCheckpoints: z.array(z.number().int()),
  /** Database checkpoints no anchor matches (written before anchoring was enabled, or forged). */
  unanchoredCheckpoints: z.number().int(),
});
export type AuditAnchorReport = z.infer<typeof AuditAnchorReportSchema>;

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
  /** Absent when the server anchors nowhere (no WATCHFLOOR_AUDIT_ANCHOR_DIR). */
  anchors: AuditAnchorReportSchema.nullable().optional(),
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
