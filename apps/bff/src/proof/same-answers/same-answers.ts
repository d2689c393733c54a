import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withDatabase } from '../../cli/database/mysql-url.ts';
import { loadEnv } from '../../env.ts';
import { AbSetupError } from '../../bench/api/ab-args.ts';
import { checkoutRef, REPO_ROOT } from '../../bench/api/ab-worktree.ts';
import { CLOCK_AFTER_END_MS } from '../../bench/api/api-phase.ts';
import { prepareOperator, signIn } from '../../bench/api/bench-session.ts';
import { FULL_DATASET, SMALL_DATASET } from '../../bench/api/dataset-spec.ts';
import { deepCursor } from '../../bench/api/events-cursor.ts';
import { apiScenarios } from '../../bench/api/scenarios.ts';
import { storedDataset } from '../../bench/api/stored-dataset.ts';
import { firstDifference } from './first-difference.ts';

/**
 * npm run proof:same-answers -- --against <git-ref> [--small] [--database name] [--server url]
 * This tree's BFF and <git-ref>'s, on bench:api's stored 10 M set (1 M with --small), both with their clocks stopped
 * at the same instant: every view of the bench (plus quality and trends) must answer with the same
 * status and the same bytes. A refactoring that changes an answer, even its field order, fails.
 */
const DAY = 86_400_000;
const say = (message: string) => process.stderr.write(`[same-answers] ${message}\n`);

interface FrozenServer {
  url: string;
  stop(): Promise<void>;
}

function startFrozen(
  treeRoot: string,
  tsx: string,
  request: { mysqlUrl: string; clockMs: number },
): Promise<FrozenServer> {
  const entry = fileURLToPath(new URL('./frozen-server-child.ts', import.meta.url));
  const child = fork(entry, [treeRoot], {
    execArgv: ['--import', tsx],
    cwd: treeRoot,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('message', (message: { url?: string; error?: string }) =>
      message.url
        ? resolve({
            url: message.url,
            async stop() {
              if (child.exitCode === null) child.send('stop');
              await exited;
            },
          })
        : reject(new Error(message.error ?? 'server failed to start')),
    );
    child.once('exit', (code) => reject(new Error(`server exited with code ${code}`)));
    child.send(request);
  });
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const against = option(args, '--against');
  if (!against) throw new AbSetupError('usage: npm run proof:same-answers -- --against <git-ref>');
  const database = option(args, '--database');
  const base = args.includes('--small') ? SMALL_DATASET : FULL_DATASET;
  const spec = database ? { ...base, database } : base;
  const serverUrl = option(args, '--server') ?? 'mysql://root@127.0.0.1:3306';
  const url = withDatabase(serverUrl, spec.database);
  const info = await storedDataset(serverUrl, spec, url, database);
  const ref = await checkoutRef(against, say);
  const clockMs = info.endTs + CLOCK_AFTER_END_MS;
  // A manager too, so trends answer rather than refuse.
  const credentials = await prepareOperator(url, clockMs - 60_000, ['operator', 'manager']);
  const cursor = await deepCursor(
    url,
    loadEnv({ ...process.env, MYSQL_URL: url }).WATCHFLOOR_SECRET,
    {
      entityId: info.firehose.id,
      entitySlug: info.firehose.slug,
      from: info.endTs - 7 * DAY,
      to: info.endTs,
      depth: Math.min(1_000_000, Math.floor((info.firehose.events * 2) / 3)),
    },
  );
  const request = { mysqlUrl: url, clockMs };
  const ours = await startFrozen(REPO_ROOT, import.meta.resolve('tsx'), request);
  const theirs = await startFrozen(ref.dir, ref.code.tsx, request).catch(async (error) => {
    await ours.stop();
    throw error;
  });
  const day = `from=${info.endTs - DAY}&to=${info.endTs}`;
  const paths = [
    ...apiScenarios(info, cursor).map((scenario) => scenario.path),
    `/api/v1/quality?${day}`,
    `/api/v1/quality?${day}&segment=${info.segment.slug}`,
    `/api/v1/quality?${day}&entity=${info.firehose.slug}`,
    '/api/v1/trends?period=7d',
    '/api/v1/trends?period=90d',
    '/api/v1/actions',
    '/api/v1/audit',
    // Refusals are answers too: their envelopes must not move either.
    '/api/v1/segments/no-such-segment',
    '/api/v1/overview?from=yesterday',
    `/api/v1/events?entityId=${info.firehose.slug}&limit=100000`,
  ];
  let differing = 0;
  try {
    const sides = await Promise.all(
      [ours, theirs].map(async (server) => ({
        server,
        cookie: await signIn(server.url, credentials),
      })),
    );
    for (const [index, path] of paths.entries()) {
      // The same request id on both sides: answers echo it.
      const headers = (cookie: string) => ({ cookie, 'x-request-id': `same-answers-${index}` });
      const [a, b] = await Promise.all(
        sides.map(async ({ server, cookie }) => {
          const response = await fetch(`${server.url}${path}`, { headers: headers(cookie) });
          return { status: response.status, body: await response.text() };
        }),
      );
      const difference =
        a!.status !== b!.status
          ? `status ${a!.status} here, ${b!.status} at ${ref.short}`
          : firstDifference(a!.body, b!.body);
      if (difference) differing += 1;
      const verdict = difference ? `DIFFERENT: ${difference}` : `same (${a!.body.length} bytes)`;
      process.stdout.write(`${a!.status} ${path.slice(0, 110)}\n    ${verdict}\n`);
    }
  } finally {
    await Promise.all([ours.stop(), theirs.stop()]);
  }
  process.stdout.write(
    `\n${paths.length - differing} of ${paths.length} answers byte-identical to ${against} (${ref.short}), clocks at ${new Date(clockMs).toISOString()}\n`,
  );
  if (differing > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  say(
    `failed: ${error instanceof AbSetupError ? error.message : ((error as Error).stack ?? String(error))}`,
  );
  process.exitCode = 1;
});
