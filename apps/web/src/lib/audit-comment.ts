import type { AuditRecord } from '@watchfloor/shared/actions/audit';

/**
 * The comment a person gave with a decision (approve, reject, cancel, roll back), as the audit
 * record stored it in its payload; null when there was none. Payloads are free-form JSON, so
 * anything but a non-blank string is no comment.
 */
export function auditComment(record: Pick<AuditRecord, 'payload'>): string | null {
  const { payload } = record;
  if (typeof payload !== 'object' || payload === null || !('comment' in payload)) return null;
  const comment: unknown = payload.comment;
  return typeof comment === 'string' && comment.trim() !== '' ? comment : null;
}

/**
 * Records oldest first, each with the comment to show beside it. The last approval's comment is
 * stored twice (the approval, then the move to approved, by the same person): shown once.
 */
export function withComments(
  records: readonly AuditRecord[],
): { record: AuditRecord; comment: string | null }[] {
  const ordered = [...records].sort((a, b) => a.seq - b.seq);
  return ordered.map((record, i) => {
    const comment = auditComment(record);
    const previous = ordered[i - 1];
    const repeated =
      previous !== undefined &&
      previous.actor === record.actor &&
      previous.event === 'action.approval_recorded' &&
      auditComment(previous) === comment;
    return { record, comment: repeated ? null : comment };
  });
}
