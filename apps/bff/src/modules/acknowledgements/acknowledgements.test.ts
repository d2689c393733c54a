import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcknowledgementListResponseSchema,
  AcknowledgementResponseSchema,
  type Acknowledgement,
} from '@watchfloor/shared/acknowledgements';
import { AuditPageSchema } from '@watchfloor/shared/actions/audit';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import {
  createTestApp,
  TEST_AUDIT_KEY,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { drain } from '../../testing/rollup-truth.ts';
import { steadyEvents } from '../../testing/quality-levels.ts';
import { verifyAuditChain } from '../audit/audit-verify.ts';
import { sweepAcknowledgements } from './acknowledgement-sweep.ts';

let db: TestDatabase;
let t: TestApp;
const start = Date.now();
const PATH = '/api/v1/acknowledgements';

/**
 * Ten minutes of traffic: seg-hot's hot-1 fails once in 60 requests (1.7 %: critical against the
 * 99.9 % SLO) and drags seg-hot to a warning (0.8 %); hot-0 and seg-calm are clean, so OK.
 */
function incidentTraffic(): IngestEventInput[] {
  const window = { fromMs: start - 10 * 60_000, toMs: start - 1_000, everyMs: 10_000 };
  const hot = steadyEvents({ segment: 'seg-hot', entities: ['hot-0', 'hot-1'], ...window });
  const firstOfHot1 = hot.find((e) => e.entity === 'hot-1')!;
  Object.assign(firstOfHot1, { status: 'error', errorClass: 'Timeout' });
  return [...hot, ...steadyEvents({ segment: 'seg-calm', entities: ['calm-0'], ...window })];
}

/** 1,100 more clean requests from hot-1 in the same ten minutes: one error in them is within the SLO. */
function recoveryTraffic(): IngestEventInput[] {
  return Array.from({ length: 1_100 }, (_, i) => ({
    id: `hot-1-recovery-${i}`,
    ts: start - 10 * 60_000 + i * 500,
    segment: 'seg-hot',
    entity: 'hot-1',
    kind: 'request' as const,
    status: 'ok' as const,
    latencyMs: 20,
  }));
}

async function ingestAndRollUp(events: IngestEventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500)
    expect((await t.ingest(events.slice(i, i + 500))).status).toBe(200);
  await drain(t.newWorker());
}

const acknowledge = (kind: 'segment' | 'entity', slug: string, comment: unknown, user: TestUser) =>
  t.post(PATH, { scope: { kind, slug }, comment }, user);

async function acknowledged(
  kind: 'segment' | 'entity',
  slug: string,
  comment: string,
  user: TestUser,
): Promise<Acknowledgement> {
  const response = await acknowledge(kind, slug, comment, user);
  expect(response.status, await response.clone().text()).toBe(201);
  return AcknowledgementResponseSchema.parse(await response.json()).data;
}

async function activeList(user: TestUser = 'manager'): Promise<Acknowledgement[]> {
  const response = await t.get(`${PATH}?active=1`, user);
  expect(response.status).toBe(200);
  return AcknowledgementListResponseSchema.parse(await response.json()).data.acknowledgements;
}

async function auditOf(event: string) {
  const response = await t.get(`/api/v1/audit?event=${event}`, 'approver');
  expect(response.status).toBe(200);
  return AuditPageSchema.parse(((await response.json()) as { data: unknown }).data).records;
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string; details?: unknown } })
    .error;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  await ingestAndRollUp(incidentTraffic());
});
afterAll(async () => db?.drop());

describe('acknowledging an incident', () => {
  it('acknowledges an unhealthy segment and entity, and lists them to every role', async () => {
    const segment = await acknowledged('segment', 'seg-hot', "I'm on it", 'operator');
    expect(segment).toMatchObject({
      scope: { kind: 'segment', slug: 'seg-hot', segment: 'seg-hot' },
      comment: "I'm on it",
      by: { username: 'operator', displayName: 'operator' },
      status: 'warning',
      clearedAt: null,
    });
    const entity = await acknowledged('entity', 'hot-1', 'Restarting hot-1', 'approver');
    expect(entity).toMatchObject({
      scope: { kind: 'entity', slug: 'hot-1', segment: 'seg-hot' },
      by: { username: 'approver' },
      status: 'critical',
    });
    const listed = await activeList('manager');
    expect(listed.map((a) => [a.scope.slug, a.by.username, a.comment])).toEqual([
      ['seg-hot', 'operator', "I'm on it"],
      ['hot-1', 'approver', 'Restarting hot-1'],
    ]);
  });

  it("replaces a user's own comment and keeps other users' acknowledgements beside it", async () => {
    const [first] = await activeList();
    const again = await acknowledged('segment', 'seg-hot', 'Rolling back the deploy', 'operator');
    expect(again.id).toBe(first!.id);
    await acknowledged('segment', 'seg-hot', 'Watching the database', 'admin');
    const onSegment = (await activeList()).filter((a) => a.scope.slug === 'seg-hot');
    expect(onSegment.map((a) => [a.by.username, a.comment])).toEqual([
      ['operator', 'Rolling back the deploy'],
      ['admin', 'Watching the database'],
    ]);
  });

  it('refuses a scope with no current incident (409), naming it', async () => {
    for (const [kind, slug] of [
      ['segment', 'seg-calm'],
      ['entity', 'hot-0'],
    ] as const) {
      const response = await acknowledge(kind, slug, "I'm on it", 'operator');
      expect(response.status).toBe(409);
      expect((await errorOf(response)).message).toBe(`Nothing to acknowledge: ${slug} is OK`);
    }
  });

  it('answers 404 naming an unknown scope', async () => {
    const segment = await acknowledge('segment', 'no-such-segment', 'x', 'operator');
    expect(segment.status).toBe(404);
    expect((await errorOf(segment)).message).toContain('"no-such-segment"');
    const entity = await acknowledge('entity', 'no-such-entity', 'x', 'operator');
    expect(entity.status).toBe(404);
    expect((await errorOf(entity)).message).toContain('"no-such-entity"');
  });

  it('refuses a missing, blank or overlong comment, naming the field', async () => {
    for (const comment of [undefined, '   ', 'x'.repeat(501)]) {
      const response = await acknowledge('segment', 'seg-hot', comment, 'operator');
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error.message).toContain('comment');
      expect(error.details).toEqual([expect.objectContaining({ field: 'comment' })]);
    }
  });

  it('refuses managers (403) and writes nothing for them', async () => {
    const response = await acknowledge('segment', 'seg-hot', "I'm on it", 'manager');
    expect(response.status).toBe(403);
    expect((await activeList()).some((a) => a.by.username === 'manager')).toBe(false);
  });
});

describe('clearing on resolution', () => {
  it('keeps acknowledgements while the incident lasts, then the sweep clears and audits them', async () => {
    expect(await sweepAcknowledgements({ pool: db.pool })).toBe(0);
    expect(await activeList()).toHaveLength(3);

    await ingestAndRollUp(recoveryTraffic());
    // Healthy again before any sweep: the list already hides them.
    expect(await activeList()).toEqual([]);

    expect(await sweepAcknowledgements({ pool: db.pool })).toBe(3);
    expect(await sweepAcknowledgements({ pool: db.pool })).toBe(0);
    const [rows] = await db.pool.query(
      'SELECT active, cleared_at, cleared_reason FROM incident_acknowledgements',
    );
    expect(rows).toHaveLength(3);
    for (const row of rows as {
      active: number | null;
      cleared_at: number | null;
      cleared_reason: string;
    }[])
      expect(row).toMatchObject({
        active: null,
        cleared_at: expect.any(Number),
        cleared_reason: 'resolved',
      });

    const acknowledgedRecords = await auditOf('incident.acknowledged');
    expect(
      acknowledgedRecords
        .map((r) => [r.actor, r.subject, (r.payload as { comment: string }).comment])
        .reverse(),
    ).toEqual([
      ['operator', 'segment:seg-hot', "I'm on it"],
      ['approver', 'entity:hot-1', 'Restarting hot-1'],
      ['operator', 'segment:seg-hot', 'Rolling back the deploy'],
      ['admin', 'segment:seg-hot', 'Watching the database'],
    ]);
    expect(
      acknowledgedRecords.map((r) => (r.payload as { replaced: boolean }).replaced).reverse(),
    ).toEqual([false, false, true, false]);
    const cleared = await auditOf('incident.acknowledgement_cleared');
    expect(
      cleared
        .map((r) => [
          r.actor,
          r.subject,
          (r.payload as { comment: string; reason: string }).comment,
        ])
        .sort(),
    ).toEqual([
      ['system', 'entity:hot-1', 'Restarting hot-1'],
      ['system', 'segment:seg-hot', 'Rolling back the deploy'],
      ['system', 'segment:seg-hot', 'Watching the database'],
    ]);
    expect(cleared.every((r) => (r.payload as { reason: string }).reason === 'resolved')).toBe(
      true,
    );
    expect(await verifyAuditChain(db.pool, TEST_AUDIT_KEY)).toMatchObject({
      ok: true,
      firstMismatch: null,
    });

    // Nothing is left to acknowledge once it is over.
    expect((await acknowledge('segment', 'seg-hot', "I'm on it", 'operator')).status).toBe(409);
  });
});
