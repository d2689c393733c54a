import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OverviewResponseSchema } from '@watchfloor/shared/overview';
import type { Quality } from '@watchfloor/shared/quality';
import type { Pool } from '../../db/pool.ts';
import { databaseNow } from '../../db/db-clock.ts';
import { loadEnv } from '../../env.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { steadyEvents } from '../../testing/quality-levels.ts';
import { drain } from '../../testing/rollup-truth.ts';
import type { NodeReading } from './cluster-node.ts';
import { readNodeState } from './cluster.repository.ts';
import { createClusterTestApp, syncedNode } from './testing/cluster-test-app.ts';
import { notPrimaryPool } from './testing/not-primary-pool.ts';

let writeDb: TestDatabase;
let readDb: TestDatabase;
let otherReadDb: TestDatabase;
let now: number;

/** Two segments' steady traffic over the last hour, rolled up, in the database behind `pool`'s app. */
async function seed(t: Awaited<ReturnType<typeof createClusterTestApp>>, segment: string) {
  const events = steadyEvents({
    segment,
    entities: [`${segment}-a`, `${segment}-b`],
    fromMs: now - 60 * 60_000,
    toMs: now - 1_000,
    everyMs: 30_000,
  });
  expect((await t.ingest(events)).status).toBe(200);
  await drain(t.newWorker());
}

const window = () => `from=${now - 30 * 60_000}&to=${now - 60_000}`;

async function overviewOf(t: Awaited<ReturnType<typeof createClusterTestApp>>) {
  const response = await t.get(`/api/v1/overview?${window()}`);
  expect(response.status).toBe(200);
  return OverviewResponseSchema.parse(await response.json());
}

const clusterLag = (quality: Quality) => quality.reasons.filter((r) => r.code === 'cluster_lag');

beforeAll(async () => {
  [writeDb, readDb, otherReadDb] = await Promise.all([
    createTestDatabase(),
    createTestDatabase(),
    createTestDatabase(),
  ]);
  now = await databaseNow(writeDb.pool);
  // Each database gets its own segment, so an answer shows which database it came from.
  await seed(await createClusterTestApp({ write: readDb.pool }), 'read-side');
  await seed(await createClusterTestApp({ write: otherReadDb.pool }), 'other-side');
  await seed(await createClusterTestApp({ write: writeDb.pool }), 'write-side');
});
afterAll(async () => {
  await Promise.all([writeDb?.drop(), readDb?.drop(), otherReadDb?.drop()]);
});

describe('configuration', () => {
  it('reads WATCHFLOOR_MYSQL_READ_URLS as a list of mysql URLs and names it when one is not a URL', () => {
    const base = { MYSQL_URL: 'mysql://root@db-write:3306/watchfloor' };
    expect(loadEnv(base).WATCHFLOOR_MYSQL_READ_URLS).toEqual([]);
    expect(
      loadEnv({
        ...base,
        WATCHFLOOR_MYSQL_READ_URLS:
          'mysql://root@db2:3306/watchfloor, mysql://root@db3:3306/watchfloor',
      }).WATCHFLOOR_MYSQL_READ_URLS,
    ).toEqual(['mysql://root@db2:3306/watchfloor', 'mysql://root@db3:3306/watchfloor']);
    expect(() => loadEnv({ ...base, WATCHFLOOR_MYSQL_READ_URLS: 'not a url' })).toThrow(
      /WATCHFLOOR_MYSQL_READ_URLS/,
    );
  });
});

describe('read pool', () => {
  it('serves the read routes from the read addresses, and writes, sessions and ingest from the write address', async () => {
    const t = await createClusterTestApp({ write: writeDb.pool, reads: [readDb.pool] });
    const overview = await overviewOf(t);
    expect(overview.data.segments.map((s) => s.slug)).toEqual(['read-side']);
    const quality = await t.get(`/api/v1/quality?segment=read-side&${window()}`);
    expect(quality.status).toBe(200);
    const events = await t.get(`/api/v1/events?entityId=read-side-a&${window()}`);
    expect(events.status).toBe(200);
    const page = (await events.json()) as { data: { events: { segment: string }[] } };
    expect(page.data.events.length).toBeGreaterThan(0);
    expect(new Set(page.data.events.map((e) => e.segment))).toEqual(new Set(['read-side']));
    // Ingest went to the write address only (the session used to read was found there too).
    const late = steadyEvents({
      segment: 'write-late',
      entities: ['write-late-a'],
      fromMs: now - 5 * 60_000,
      toMs: now - 4 * 60_000,
      everyMs: 30_000,
    });
    expect((await t.ingest(late)).status).toBe(200);
    const [rows] = await writeDb.pool.query('SELECT slug FROM segments ORDER BY slug');
    expect((rows as { slug: string }[]).map((r) => r.slug)).toEqual(['write-late', 'write-side']);
  });

  it('without read addresses the write address serves everything, as before', async () => {
    const t = await createClusterTestApp({ write: writeDb.pool });
    expect((await overviewOf(t)).data.segments.map((s) => s.slug)).toContain('write-side');
  });

  it('spreads reads over the read addresses and skips one that is out of the primary component', async () => {
    const states = new Map<Pool, NodeReading>([
      [readDb.pool, syncedNode('db2')],
      [otherReadDb.pool, { ...syncedNode('db3'), cluster: 'non-Primary', synced: false }],
    ]);
    const t = await createClusterTestApp({
      write: writeDb.pool,
      reads: [readDb.pool, otherReadDb.pool],
      states,
    });
    await t.cluster.refresh();
    const answeredBy = async () => (await overviewOf(t)).data.segments.map((s) => s.slug)[0];
    const skipping = new Set<string | undefined>();
    for (let i = 0; i < 4; i++) skipping.add(await answeredBy());
    expect([...skipping]).toEqual(['read-side']);
    states.set(otherReadDb.pool, syncedNode('db3'));
    await t.cluster.refresh();
    // Both now take statements; one overview reads several times, so answers mix both databases'.
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++)
      for (const s of (await overviewOf(t)).data.segments) seen.add(s.slug);
    expect([...seen].sort()).toEqual(['other-side', 'read-side']);
  });
});

describe('cluster state', () => {
  it('reads a plain server as no cluster, synced', async () => {
    expect(await readNodeState(writeDb.pool)).toMatchObject({
      cluster: 'none',
      synced: true,
      node: null,
    });
  });

  it('readiness names the write node and is not ready while it is out of the primary component or not synced, then recovers', async () => {
    const states = new Map<Pool, NodeReading>([[readDb.pool, syncedNode('db2')]]);
    const t = await createClusterTestApp({ write: writeDb.pool, reads: [readDb.pool], states });
    const plain = await t.app.request('/readyz');
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({
      status: 'ready',
      checks: { database: true, migrations: true, cluster: true },
      database: { node: null, cluster: 'none', synced: true, size: null },
      readDatabases: [{ node: 'db2', cluster: 'Primary', synced: true, size: 3 }],
    });

    states.set(writeDb.pool, {
      ...syncedNode('db1', 1),
      cluster: 'non-Primary',
      localState: 'Initialized',
      synced: false,
    });
    const cut = await t.app.request('/readyz');
    expect(cut.status).toBe(503);
    expect(cut.headers.get('retry-after')).toBe('5');
    expect(await cut.json()).toMatchObject({
      status: 'not_ready',
      checks: { cluster: false },
      database: { node: 'db1', cluster: 'non-Primary', synced: false, size: 1 },
    });

    states.set(writeDb.pool, { ...syncedNode('db1'), localState: 'Joining', synced: false });
    const joining = await t.app.request('/readyz');
    expect(joining.status).toBe(503);
    expect(await joining.json()).toMatchObject({
      database: { node: 'db1', cluster: 'Primary', synced: false, size: 3 },
    });

    states.set(writeDb.pool, syncedNode('db1'));
    expect((await t.app.request('/readyz')).status).toBe(200);
    expect((await t.app.request('/healthz')).status).toBe(200);
  });

  it('quality of the read answers is degraded while the node they are read from is Joining, and clean again after', async () => {
    const states = new Map<Pool, NodeReading>();
    const t = await createClusterTestApp({ write: writeDb.pool, reads: [readDb.pool], states });
    await t.cluster.refresh();
    const before = (await overviewOf(t)).quality;
    expect(before.state).toBe('ok');
    expect(clusterLag(before)).toEqual([]);

    states.set(readDb.pool, { ...syncedNode('db2'), localState: 'Joining', synced: false });
    await t.cluster.refresh();
    const joining = (await overviewOf(t)).quality;
    expect(joining.state).toBe('degraded');
    expect(clusterLag(joining)).toEqual([
      {
        code: 'cluster_lag',
        severity: 'degraded',
        message: 'Read from node db2, which is Joining: figures may be behind the cluster.',
      },
    ]);
    for (const path of [
      `/api/v1/segments/read-side?${window()}`,
      `/api/v1/entities/read-side-a?${window()}`,
      `/api/v1/series?scope=segment&id=read-side&${window()}`,
      `/api/v1/events?entityId=read-side-a&${window()}`,
    ]) {
      const response = await t.get(path);
      expect(response.status, path).toBe(200);
      const { quality } = (await response.json()) as { quality: Quality };
      expect(clusterLag(quality).length, path).toBe(1);
    }

    states.set(readDb.pool, { ...syncedNode('db2'), recvQueue: 500 });
    await t.cluster.refresh();
    expect(clusterLag((await overviewOf(t)).quality)[0]?.message).toBe(
      'Read from node db2, which has 500 write-sets waiting to be applied: figures may be behind the cluster.',
    );

    states.set(readDb.pool, { ...syncedNode('db2'), flowControlPaused: true });
    await t.cluster.refresh();
    expect(clusterLag((await overviewOf(t)).quality)[0]?.message).toContain('flow control');

    states.set(readDb.pool, syncedNode('db2'));
    await t.cluster.refresh();
    const after = (await overviewOf(t)).quality;
    expect(after.state).toBe('ok');
    expect(clusterLag(after)).toEqual([]);
  });

  it('a statement refused with 1047 answers 503 with Retry-After naming the node, and the next request after it rejoins works', async () => {
    const refusing = notPrimaryPool(readDb.pool);
    const states = new Map<Pool, NodeReading>([
      [refusing.pool, { ...syncedNode('db2', 2), cluster: 'non-Primary', synced: false }],
    ]);
    const t = await createClusterTestApp({
      write: writeDb.pool,
      reads: [refusing.pool],
      states,
    });
    await t.cluster.refresh();
    refusing.control.refusing = true;
    const refused = await t.get(`/api/v1/overview?${window()}`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({
      error: {
        code: 'unavailable',
        message:
          "Database node db2 is not in the cluster's primary component (WSREP not ready); try again shortly",
      },
    });

    refusing.control.refusing = false;
    states.set(refusing.pool, syncedNode('db2'));
    expect((await t.get(`/api/v1/overview?${window()}`)).status).toBe(200);
  });

  it('a 1047 before any state names no node but is still a 503', async () => {
    const refusing = notPrimaryPool(readDb.pool);
    const t = await createClusterTestApp({
      write: writeDb.pool,
      reads: [refusing.pool],
      states: new Map([[refusing.pool, syncedNode('db2')]]),
    });
    refusing.control.refusing = true;
    const refused = await t.get(`/api/v1/overview?${window()}`);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /^A database node is not in the cluster's primary component/,
    );
  });
});
