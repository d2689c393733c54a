import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { minutesAgo, sampleEvents } from '../../testing/sample-events.ts';
import { compareRollupsWithRaw, drain } from '../../testing/rollup-truth.ts';
import { ROLLUP_LEASE } from './rollup.worker.ts';
import { expireLease } from './testing/lease-expiry.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const bffRoot = path.resolve(here, '../../..');
const child = path.resolve(here, '../../testing/worker-child.ts');

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
});
afterAll(async () => db?.drop());

function killMidRun(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // node itself (not the tsx wrapper) so that SIGKILL hits the process holding the connection.
    const proc = spawn(process.execPath, ['--import', 'tsx', child, url], {
      cwd: bffRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    proc.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('paused-before-commit')) proc.kill('SIGKILL');
    });
    proc.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve()
        : reject(new Error('worker exited before reaching its commit')),
    );
  });
}

describe('rollup worker killed with SIGKILL mid-run', () => {
  it('leaves no partial rollups, and a restarted worker takes the lease and converges', async () => {
    const now = await databaseNow(db.pool);
    for (let round = 0; round < 3; round++) {
      await t.ingest(
        sampleEvents({
          fromMs: minutesAgo(40 - round * 10, now),
          toMs: minutesAgo(31 - round * 10, now),
          prefix: `kill${round}`,
        }),
      );
      await killMidRun(db.url);
      const [pending] = await db.pool.query('SELECT COUNT(*) AS n FROM rollup_dirty');
      expect(Number((pending as { n: number }[])[0]!.n)).toBeGreaterThan(0);
      // The killed worker never releases its lease; the successor takes it once it has run out.
      await expireLease(db.pool, ROLLUP_LEASE, 'doomed');
      await drain(t.newWorker({ workerId: `successor-${round}` }));
      expect(await compareRollupsWithRaw(db.pool)).toEqual([]);
    }
    const [runs] = await db.pool.query("SELECT status FROM worker_runs WHERE worker_id = 'doomed'");
    expect((runs as { status: string }[]).map((r) => r.status)).toEqual([
      'running',
      'running',
      'running',
    ]);
  });
});
