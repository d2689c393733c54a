import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { Registry } from '../ingest/registry.ts';
import { DEMO_SEGMENTS } from './demo-scenario.ts';
import {
  activeFaults,
  clearFaults,
  entityStates,
  injectFault,
  newestEventTs,
  updateSegmentMetadata,
} from './simulation.repository.ts';

let db: TestDatabase;
let apiId: number;
let etlId: number;
let now: number;

beforeAll(async () => {
  db = await createTestDatabase();
  now = await databaseNow(db.pool);
  const registry = new Registry(db.pool, { maxSegments: 10, maxEntities: 10 });
  const refs = await registry.resolve(
    [
      { segment: 'checkout-eu', entity: 'checkout-eu-api-03', entityKind: 'service' },
      { segment: 'orders-pipeline-eu', entity: 'orders-etl-eu-03', entityKind: 'pipeline' },
    ],
    now,
  );
  const id = (key: string) => {
    const ref = refs.get(key);
    if (!ref?.ok) throw new Error(`not registered: ${key}`);
    return ref.ref.id;
  };
  apiId = id('checkout-eu/checkout-eu-api-03');
  etlId = id('orders-pipeline-eu/orders-etl-eu-03');
});
afterAll(async () => db?.drop());

describe('simulation repository', () => {
  it('injects a fault once per scenario key and lists it with its entity and segment', async () => {
    const input = {
      entityId: apiId,
      fault: 'errors' as const,
      errorClass: 'DbPoolExhausted',
      errorRate: 0.4,
      startedAt: now - 60_000,
      scenarioKey: 'test:spike',
    };
    expect(await injectFault(db.pool, input)).toEqual(expect.any(Number));
    expect(await injectFault(db.pool, input)).toBeNull();
    await injectFault(db.pool, {
      entityId: etlId,
      fault: 'saturation',
      targetValue: 10_000,
      rampMs: 3_600_000,
      startedAt: now - 60_000,
    });
    const faults = await activeFaults(db.pool);
    expect(faults).toEqual([
      expect.objectContaining({
        entityId: apiId,
        entity: 'checkout-eu-api-03',
        segment: 'checkout-eu',
        fault: 'errors',
        errorClass: 'DbPoolExhausted',
        errorRate: 0.4,
        clearedAt: null,
      }),
      expect.objectContaining({
        entityId: etlId,
        entity: 'orders-etl-eu-03',
        fault: 'saturation',
        targetValue: 10_000,
        rampMs: 3_600_000,
      }),
    ]);
  });

  it("clears an entity's faults once; a repeated clear reports nothing to do", async () => {
    expect(await clearFaults(db.pool, apiId, now)).toBe(1);
    expect(await clearFaults(db.pool, apiId, now + 1)).toBe(0);
    expect((await activeFaults(db.pool)).map((f) => f.entity)).toEqual(['orders-etl-eu-03']);
    const recent = await activeFaults(db.pool, { clearedSince: now - 1_000 });
    expect(recent.find((f) => f.entity === 'checkout-eu-api-03')?.clearedAt).toBe(now);
  });

  it('clears only the named fault kinds when asked', async () => {
    await injectFault(db.pool, {
      entityId: etlId,
      fault: 'latency',
      latencyFactor: 2,
      startedAt: now,
    });
    expect(await clearFaults(db.pool, etlId, now, ['latency'])).toBe(1);
    expect((await activeFaults(db.pool)).map((f) => f.fault)).toEqual(['saturation']);
  });

  it('reads entity states and the newest event time', async () => {
    await db.pool.query("UPDATE entities SET state = 'paused', state_changed_at = ? WHERE id = ?", [
      now,
      etlId,
    ]);
    const states = await entityStates(db.pool);
    expect(states.get('orders-etl-eu-03')).toEqual({
      entityId: etlId,
      segment: 'orders-pipeline-eu',
      state: 'paused',
      changedAt: now,
    });
    expect(states.get('checkout-eu-api-03')).toMatchObject({ state: 'active', changedAt: null });
    expect(await newestEventTs(db.pool)).toBeNull();
  });

  it('sets segment metadata on registered segments only, repeatably', async () => {
    const checkout = DEMO_SEGMENTS.find((segment) => segment.slug === 'checkout-eu')!;
    expect(await updateSegmentMetadata(db.pool, checkout)).toBe(true);
    expect(await updateSegmentMetadata(db.pool, checkout)).toBe(true);
    expect(
      await updateSegmentMetadata(
        db.pool,
        DEMO_SEGMENTS.find((segment) => segment.slug === 'edge-eu')!,
      ),
    ).toBe(false);
    const [rows] = await db.pool.query(
      'SELECT name, owner, slo_availability FROM segments WHERE slug = ?',
      ['checkout-eu'],
    );
    expect(rows).toEqual([
      { name: 'Checkout EU', owner: 'team-checkout', slo_availability: 0.995 },
    ]);
  });
});
