import { distribution } from '../../bench/stats.ts';
import type { Check } from './checks.ts';
import type { FaultStack } from './fault-stack.ts';
import { DashboardReaders, exchange, IngestSender, type Sample } from './traffic.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FROZEN_MS = 15_000;

/** Polls /readyz as a load balancer would. */
async function pollReadiness(url: string, samples: Sample[], running: () => boolean) {
  while (running()) {
    samples.push((await exchange(url, '/readyz', {})).sample);
    await sleep(250);
  }
}

/**
 * The database server frozen with SIGSTOP for 15 s under ingest, dashboard reads, sign-ins and
 * readiness probes: every request in flight or sent while it is frozen must end within the bound
 * (queue timeout + client-side call deadline) with 503 + Retry-After, and the BFF must serve again
 * once the server runs.
 */
export async function proveFrozenDatabase(
  stack: FaultStack,
  bounds: { queueTimeoutMs: number; callDeadlineMs: number },
  log: (line: string) => void,
): Promise<Check[]> {
  const cookie = await stack.signIn();
  const sender = new IngestSender(stack.url, stack.token);
  const readers = new DashboardReaders(stack.url, cookie, 8, 50);
  const readiness: Sample[] = [];
  const signIns: Sample[] = [];
  let running = true;
  sender.start();
  readers.start();
  const probes = pollReadiness(stack.url, readiness, () => running);
  const logins = (async () => {
    while (running) {
      const { sample } = await exchange(stack.url, '/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.url },
        body: JSON.stringify({ username: 'nobody-proof', password: 'wrong-password' }),
      });
      signIns.push(sample);
      await sleep(500);
    }
  })();
  await sleep(3_000);

  log(`database: SIGSTOP under load for ${FROZEN_MS / 1000} s`);
  const frozenAt = Date.now();
  let thawedAt = frozenAt;
  try {
    stack.signalDatabase('SIGSTOP');
    await sleep(FROZEN_MS);
  } finally {
    thawedAt = Date.now();
    stack.signalDatabase('SIGCONT');
  }
  log('database: SIGCONT; waiting for the BFF to answer 200');
  let backAt: number | null = null;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline && backAt === null;) {
    const { sample } = await exchange(stack.url, '/readyz', {});
    if (sample.status === 200) backAt = Date.now();
    else await sleep(200);
  }
  await sleep(2_000);
  running = false;
  await Promise.all([sender.stop(), readers.stop(), probes, logins]);
  await sender.flush(Date.now() + 30_000);

  const bound = bounds.queueTimeoutMs + bounds.callDeadlineMs;
  const slack = 500;
  const all = [...readers.samples, ...sender.samples, ...readiness, ...signIns];
  // Sent while frozen, late enough that no answer could have come from the server before SIGSTOP.
  const sentFrozen = all.filter((s) => s.at >= frozenAt && s.at + bound + slack <= thawedAt);
  // In flight at any moment of the freeze, whenever sent.
  const overlapping = all.filter((s) => s.at < thawedAt && s.at + s.ms > frozenAt);
  const statuses: Record<string, number> = {};
  for (const s of sentFrozen) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
  const latency = distribution(overlapping.map((s) => s.ms));
  const ready = readiness.filter((s) => s.at >= frozenAt && s.at + bound + slack <= thawedAt);
  const readyLatency = distribution(
    readiness.filter((s) => s.at < thawedAt && s.at + s.ms > frozenAt).map((s) => s.ms),
  );
  return [
    {
      promise: 'requests sent while the database is frozen get 503 with Retry-After',
      ok:
        sentFrozen.length > 0 && sentFrozen.every((s) => s.status === 503 && s.retryAfter !== null),
      measured: `${sentFrozen.length} requests: ${Object.entries(statuses)
        .map(([k, v]) => `${v} × ${k}`)
        .join(', ')}`,
    },
    {
      promise: `every request in flight during the freeze ends within the bound (queue timeout ${bounds.queueTimeoutMs} ms + call deadline ${bounds.callDeadlineMs} ms = ${bound} ms), none hangs`,
      ok: overlapping.length > 0 && latency.max <= bound + slack,
      measured: `${overlapping.length} requests: p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms, max ${latency.max.toFixed(0)} ms`,
    },
    {
      promise: '/readyz answers 503 within the bound while the database is frozen',
      ok:
        ready.length > 0 &&
        ready.every((s) => s.status === 503) &&
        readyLatency.max <= bound + slack,
      measured: `${ready.length} probes, all ${[...new Set(ready.map((s) => s.status))].join('/')}; max ${readyLatency.max.toFixed(0)} ms`,
    },
    {
      promise: 'the same BFF process is ready again within 10 s of the database running',
      ok: backAt !== null && backAt - thawedAt <= 10_000,
      measured: backAt === null ? 'never' : `${((backAt - thawedAt) / 1000).toFixed(1)} s`,
    },
  ];
}
