import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '@watchfloor/shared/actions/audit';
import { auditComment, withComments } from './audit-comment.ts';

const record = (seq: number, actor: string, event: string, payload: unknown): AuditRecord => ({
  seq,
  at: seq * 1_000,
  actor,
  event,
  subject: 'action:7',
  actionId: 7,
  payload,
  prevHash: 'p',
  hash: 'h',
});

describe('auditComment', () => {
  it('reads the comment a decision stored, and nothing from payloads without one', () => {
    expect(
      auditComment(record(1, 'approver', 'action.rejected', { comment: 'not the cause' })),
    ).toBe('not the cause');
    expect(auditComment(record(1, 'approver', 'action.cancelled', { comment: null }))).toBeNull();
    expect(auditComment(record(1, 'approver', 'action.cancelled', { comment: '  ' }))).toBeNull();
    expect(auditComment(record(1, 'operator', 'action.proposed', { to: 'proposed' }))).toBeNull();
    expect(auditComment(record(1, 'system', 'audit.checkpoint', null))).toBeNull();
    expect(auditComment(record(1, 'system', 'x', { comment: 42 }))).toBeNull();
  });
});

describe('withComments', () => {
  it('orders the story oldest first and shows the deciding approval’s comment once', () => {
    const rows = withComments([
      record(4, 'approver', 'action.approved', { comment: 'Evidence holds' }),
      record(2, 'approver2', 'action.approval_recorded', { comment: 'first look ok' }),
      record(1, 'operator', 'action.proposed', {}),
      record(3, 'approver', 'action.approval_recorded', { comment: 'Evidence holds' }),
      record(5, 'operator', 'action.rolled_back', { comment: 'back into rotation' }),
    ]);
    expect(rows.map((r) => [r.record.seq, r.comment])).toEqual([
      [1, null],
      [2, 'first look ok'],
      [3, 'Evidence holds'],
      [4, null],
      [5, 'back into rotation'],
    ]);
  });
});
