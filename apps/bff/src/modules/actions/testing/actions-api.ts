import { randomUUID } from 'node:crypto';
import type { TestApp, TestUser } from '../../../testing/test-app.ts';

export type DecisionVerb = 'approve' | 'reject' | 'cancel' | 'rollback';

/** The actions API as a signed-in user calls it, through the test app. */
export function actionsApi(t: TestApp) {
  return {
    /** POST /api/v1/actions with a fresh Idempotency-Key unless one is given. */
    propose: (user: TestUser, body: unknown, key = `key-${randomUUID()}`) =>
      t.post('/api/v1/actions', body, user, { 'idempotency-key': key }),
    decide: (user: TestUser, id: number, verb: DecisionVerb, body: unknown = {}) =>
      t.post(`/api/v1/actions/${id}/${verb}`, body, user),
  };
}
