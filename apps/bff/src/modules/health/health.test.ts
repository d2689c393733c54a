import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { minutesAgo, sampleEvents } from '../../testing/sample-events.ts';
import { drain } from '../../testing/rollup-truth.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
});
afterAll(async () => db?.drop());

describe('operating endpoints', () => {
  it('healthz answers while the process is up; readyz checks the database and migrations', async () => {
    expect((await t.app.request('/healthz')).status).toBe(200);
    const ready = await t.app.request('/readyz');
    expect(ready.status).toBe(200);
    // A plain server: no cluster, so the write node is trivially primary and synced.
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: true, migrations: true, cluster: true },
      database: { node: null, cluster: 'none', synced: true, size: null },
    });
    await db.pool.query('DELETE FROM schema_migrations WHERE version = 4');
    const notReady = await t.app.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: { migrations: boolean } }).checks.migrations).toBe(
      false,
    );
  });

  it('exports Prometheus metrics for requests, ingest outcomes, the worker and the pool, valid for promtool', async () => {
    await t.ingest(sampleEvents({ fromMs: minutesAgo(5), toMs: minutesAgo(1) }));
    await t.ingest([
      { id: 'x', ts: 'nope', segment: 's', entity: 'e', kind: 'request', status: 'ok' },
    ]);
    await drain(t.newWorker());
    await t.get('/api/v1/quality');
    const text = await (await t.app.request('/metrics')).text();
    expect(text).toMatch(/watchfloor_ingest_events_total\{outcome="accepted"\} \d+/);
    expect(text).toMatch(/watchfloor_ingest_events_total\{outcome="rejected"\} 1/);
    expect(text).toMatch(
      /watchfloor_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/quality"/,
    );
    expect(text).toMatch(/watchfloor_worker_runs_total\{result="ok"\} [1-9]/);
    expect(text).toContain('watchfloor_worker_lag_seconds');
    expect(text).toContain('watchfloor_db_pool_connections{state="in_use"}');
    const promtool = '/usr/bin/promtool';
    expect(
      existsSync(promtool),
      'promtool (Debian package prometheus) is installed by npm test',
    ).toBe(true);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'metrics-')), 'metrics.txt');
    writeFileSync(file, text);
    const check = spawnSync('sh', ['-c', `${promtool} check metrics < ${file}`], {
      encoding: 'utf8',
    });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('puts security headers and a request id on every response, errors included', async () => {
    const response = await t.app.request('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const body = (await response.json()) as { error: { code: string; requestId: string } };
    expect(body.error).toMatchObject({
      code: 'not_found',
      requestId: response.headers.get('x-request-id'),
    });
  });
});
