import { withDatabase } from '../../cli/database/mysql-url.ts';
import { startFreezableProxy } from '../../db/freezable-proxy.ts';
import { ENTITIES, proposalBody, SEGMENT, type ProofStack } from './proof-stack.ts';
import { catalogue, errorBodyOf } from './route-catalogue.ts';
import type { Tally } from './tally.ts';

const CLS = 'frozen-database';
/**
 * Routes answered from configuration alone, with the status they give while the database is
 * frozen: the sign-in options, and the single sign-on routes on a server without it (404).
 */
const ANSWERED_WITHOUT_DATABASE: Record<string, number> = {
  'GET /api/v1/auth/config': 200,
  'GET /api/v1/auth/oidc/login': 404,
  'GET /api/v1/auth/oidc/callback': 404,
};
const BOUNDS = { queueTimeoutMs: 500, statementTimeoutMs: 1_000, callDeadlineMs: 1_500 };
/** Scheduling slack on a loaded machine; a hang would last until the client gives up (30 s). */
const SLACK_MS = 1_000;

/** Whether the promise settled within ms (it is left running otherwise). */
const within = (ms: number, promise: Promise<unknown>) =>
  Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);

export interface FrozenDatabaseFigures {
  requests: number;
  byStatus: Record<string, number>;
  maxMs: number;
  boundMs: number;
}

/**
 * A second BFF whose database connections pass through a TCP proxy, which is then frozen (open
 * connections, nothing forwarded, as with a SIGSTOPped server): every route of the table, three
 * times at once, and /readyz must answer 503 with Retry-After within queue timeout + call deadline.
 */
export async function proveFrozenDatabase(options: {
  stack: ProofStack;
  tally: Tally;
  /** A live admin session (the proof's sign-ins have spent the login budget of this address). */
  adminCookie: string;
  actionId: number;
}): Promise<FrozenDatabaseFigures> {
  const { stack, tally } = options;
  const proxy = await startFreezableProxy(withDatabase(stack.serverUrl, stack.database));
  const server = await stack.start({
    MYSQL_URL: proxy.url,
    WATCHFLOOR_DB_POOL_SIZE: '4',
    WATCHFLOOR_DB_QUEUE_TIMEOUT_MS: String(BOUNDS.queueTimeoutMs),
    WATCHFLOOR_QUERY_TIMEOUT_MS: String(BOUNDS.statementTimeoutMs),
    WATCHFLOOR_DB_CALL_DEADLINE_MS: String(BOUNDS.callDeadlineMs),
  });
  const boundMs = BOUNDS.queueTimeoutMs + BOUNDS.callDeadlineMs;
  const figures: FrozenDatabaseFigures = { requests: 0, byStatus: {}, maxMs: 0, boundMs };
  try {
    const cookie = options.adminCookie;
    // Open pooled connections first, so the freeze catches some of them mid-statement.
    await Promise.all(
      [1, 2, 3, 4].map(() =>
        fetch(`${server.url}/api/v1/me`, {
          headers: { cookie },
          signal: AbortSignal.timeout(10_000),
        }).catch(() => null),
      ),
    );
    const to = Date.now();
    const requests = catalogue()
      .filter((route) => !(route.key in ANSWERED_WITHOUT_DATABASE))
      .flatMap((route) => {
        const path = route.template
          .replace(':segmentId', SEGMENT)
          .replace(':entityId', ENTITIES[0]!)
          .replace(':actionId', String(options.actionId));
        const query = route.method === 'GET' ? `?from=${to - 3_600_000}&to=${to}` : '';
        const body =
          route.method === 'GET'
            ? undefined
            : route.key === 'POST /api/v1/actions'
              ? JSON.stringify(proposalBody('restart_entity', ENTITIES[3]!))
              : route.key === 'POST /api/v1/auth/login'
                ? JSON.stringify({ username: 'admin', password: 'not-the-password' })
                : route.key === 'POST /api/v1/ingest/events'
                  ? JSON.stringify({
                      events: [
                        {
                          id: `frozen-${to}`,
                          ts: to,
                          segment: SEGMENT,
                          entity: ENTITIES[0],
                          kind: 'request',
                          status: 'ok',
                          latencyMs: 5,
                        },
                      ],
                    })
                  : JSON.stringify({ comment: 'database frozen' });
        const headers: Record<string, string> =
          route.access.kind === 'ingest'
            ? { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' }
            : {
                cookie,
                origin: server.url,
                'content-type': 'application/json',
                'idempotency-key': `frozen-${route.key}`,
              };
        return [1, 2, 3].map(() => ({
          what: `${route.key} with the database frozen`,
          path: `${path}${query}`,
          init: { method: route.method, headers, body },
        }));
      });
    for (let i = 0; i < 3; i++)
      requests.push({
        what: 'GET /readyz with the database frozen',
        path: '/readyz',
        init: { method: 'GET', headers: {}, body: undefined },
      });
    const configOnly = Object.entries(ANSWERED_WITHOUT_DATABASE).map(([key, status]) => ({
      what: `${key} with the database frozen`,
      path: key.split(' ')[1]!,
      status,
    }));

    proxy.freeze();
    await Promise.all(
      configOnly.map(async ({ what, path, status: expected }) => {
        const response = await fetch(`${server.url}${path}`, {
          headers: { cookie },
          signal: AbortSignal.timeout(30_000),
        }).catch(() => null);
        figures.requests++;
        tally.count(CLS);
        if (response?.status !== expected)
          tally.fail(CLS, what, `status ${response?.status ?? 'none'}, expected ${expected}`);
      }),
    );
    await Promise.all(
      requests.map(async ({ what, path, init }) => {
        const started = performance.now();
        const response = await fetch(`${server.url}${path}`, {
          ...init,
          signal: AbortSignal.timeout(30_000),
        }).catch(() => null);
        const ms = performance.now() - started;
        const body = response ? await response.text() : '';
        const status = response?.status ?? 0;
        figures.requests++;
        figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
        figures.maxMs = Math.max(figures.maxMs, ms);
        if (!response) return tally.fail(CLS, what, 'no answer within 30 s');
        const raw = { status, headers: Object.fromEntries(response.headers), body, cookies: [] };
        // /readyz answers its own readiness document, not the error envelope.
        if (path === '/readyz') {
          tally.count(CLS);
          if (status !== 503) tally.fail(CLS, what, `status ${status}, expected 503`);
        } else tally.observe(CLS, what, raw, [503], { errorBody: errorBodyOf(path) });
        if (!response.headers.get('retry-after')) tally.fail(CLS, what, '503 without Retry-After');
        if (ms > boundMs + SLACK_MS)
          tally.fail(CLS, what, `answered after ${ms.toFixed(0)} ms (bound ${boundMs} ms)`);
      }),
    );
  } finally {
    // Bounded clean-up: a BFF that cannot stop is a finding, not a reason for the proof to hang.
    proxy.thaw();
    if (!(await within(15_000, server.stop())))
      tally.fail(CLS, 'stopping the BFF after the freeze', 'did not stop within 15 s');
    await within(5_000, proxy.close());
  }
  return figures;
}
