import type { PoolConnection } from '../../db/pool.ts';
import { distribution } from '../../bench/stats.ts';
import type { Check } from './checks.ts';
import type { FaultStack } from './fault-stack.ts';

const WAVES = 10;
const PER_WAVE = 200;

/**
 * Every pooled connection held by someone else: requests must be refused after a bounded wait
 * with memory flat across waves; then a runaway statement must be stopped by the server itself.
 */
export async function provePoolExhaustion(
  stack: FaultStack,
  options: { poolSize: number; queueTimeoutMs: number; statementTimeoutMs: number },
): Promise<Check[]> {
  const cookie = await stack.signIn();
  const pool = stack.server!.pool;
  const held: PoolConnection[] = [];
  for (let i = 0; i < options.poolSize; i++) held.push(await pool.getConnection());

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const rss: number[] = [];
  try {
    for (let wave = 0; wave < WAVES; wave++) {
      await Promise.all(
        Array.from({ length: PER_WAVE }, async () => {
          const started = performance.now();
          const response = await fetch(`${stack.url}/api/v1/overview`, {
            headers: { cookie },
            signal: AbortSignal.timeout(30_000),
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - started);
          const key =
            response.status === 503 && response.headers.get('retry-after') ? 503 : response.status;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }),
      );
      rss.push(process.memoryUsage().rss);
    }
  } finally {
    for (const conn of held) conn.release();
  }
  const afterRelease = await fetch(`${stack.url}/api/v1/overview`, { headers: { cookie } });
  await afterRelease.arrayBuffer();

  const slowStarted = performance.now();
  const slowError = await pool.query('SELECT SLEEP(60) AS proof_slow_statement').then(
    () => null,
    (error: unknown) => error as { errno?: number; message?: string },
  );
  const slowMs = performance.now() - slowStarted;
  const [threads] = await stack.inspector!.query(
    "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(60)%'",
  );
  const stillRunning = Number((threads as { n: number }[])[0]!.n);

  const latency = distribution(latencies);
  const refused = statuses.get(503) ?? 0;
  const growthMb = (Math.max(...rss.slice(2)) - rss[1]!) / 1_048_576;
  const bound = options.queueTimeoutMs + 1_000;
  return [
    {
      promise: `with every pooled connection busy, requests are refused with 503 + Retry-After after a bounded wait (≤ ${bound} ms)`,
      ok: refused === WAVES * PER_WAVE && latency.max <= bound,
      measured: `${refused} of ${WAVES * PER_WAVE} refused; wait p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms, max ${latency.max.toFixed(0)} ms (queue timeout ${options.queueTimeoutMs} ms)`,
    },
    {
      promise: 'memory stays flat while requests are refused',
      ok: growthMb < 50,
      measured: `RSS ${(rss[1]! / 1_048_576).toFixed(0)} MB after wave 2, max ${(Math.max(...rss.slice(2)) / 1_048_576).toFixed(0)} MB over waves 3–${WAVES} (+${growthMb.toFixed(1)} MB)`,
    },
    {
      promise: 'the pool serves again as soon as connections free up',
      ok: afterRelease.status === 200,
      measured: `next read answered ${afterRelease.status}`,
    },
    {
      promise: `a slow statement is stopped by the database server (limit ${options.statementTimeoutMs} ms), not only abandoned`,
      ok: slowError !== null && slowMs < options.statementTimeoutMs + 2_000 && stillRunning === 0,
      measured: `SELECT SLEEP(60) ended after ${(slowMs / 1000).toFixed(1)} s with "${slowError?.message ?? 'no error'}"; ${stillRunning} still in the server's process list`,
    },
  ];
}
