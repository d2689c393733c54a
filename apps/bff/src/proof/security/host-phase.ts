import type { Pool } from '../../db/pool.ts';
import type { RunningServer } from '../../server.ts';
import { changedTables, fingerprintReader } from './db-fingerprint.ts';
import { rawRequest, type RawResponse } from './raw-http.ts';
import { catalogue, MUTATING_METHODS } from './route-catalogue.ts';
import type { Tally } from './tally.ts';

const CLS = 'dns-rebinding';

export interface HostFigures {
  /** Host values tried against the default allow-list. */
  hosts: number;
  /** Requests sent under them (every route, sign-in, /metrics, the SPA). */
  requests: number;
  /** Answers by status: all 421 when the allow-list holds. */
  byStatus: Record<string, number>;
}

/** Names a rebinding page would use: its own domain (any case, any port, any trailing dot), or junk. */
const rebindingHosts = (port: string) => [
  'rebind.attacker.example',
  `rebind.attacker.example:${port}`,
  `REBIND.attacker.example:${port}`,
  `localhost.attacker.example:${port}`,
  `127.0.0.1.nip.io:${port}`,
  `attacker.example.:${port}`,
  `localhost:${port}@attacker.example`,
  `attacker.example, 127.0.0.1:${port}`,
];

/**
 * DNS rebinding: with a rebinding Host and the matching Origin (what a page on the attacker's
 * name sends once its name resolves to us), sign-in with the published password, every route of
 * the table with the admin's cookie, /metrics and the SPA must all get 421 with the envelope and
 * change nothing. Controls: the same sign-in under the server's own Host succeeds, health probes
 * answer under any Host, and a server with WATCHFLOOR_ALLOWED_HOSTS admits that name only. Also:
 * a URL over 16 KB gets 431 with the envelope, a non-ASCII audit filter 422.
 */
export async function proveHostAllowList(ctx: {
  baseUrl: string;
  pool: Pool;
  tally: Tally;
  password: string;
  adminCookie: string;
  actionId: number;
  start: (extraEnv?: Record<string, string>) => Promise<RunningServer>;
}): Promise<HostFigures> {
  const port = new URL(ctx.baseUrl).port;
  const byStatus: Record<string, number> = {};
  let requests = 0;
  const send = async (
    host: string,
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<RawResponse> => {
    const response = await rawRequest(ctx.baseUrl, {
      method,
      path,
      headers: { host, origin: `http://${host}`, ...headers },
      body,
    });
    requests += 1;
    byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
    return response;
  };
  const expectRefused = (what: string, response: RawResponse) => {
    ctx.tally.observe(CLS, what, response, [421]);
    if (response.cookies.length > 0) ctx.tally.fail(CLS, what, 'set a cookie');
  };

  const fingerprints = await fingerprintReader(ctx.pool);
  const before = await fingerprints.read();
  const login = JSON.stringify({ username: 'admin', password: ctx.password });
  const routes = catalogue().map((route) => ({
    method: route.method,
    path: route.template
      .replace(':actionId', String(ctx.actionId))
      .replace(':segmentId', 'proof-seg')
      .replace(':entityId', 'proof-seg-e0'),
  }));
  const hosts = rebindingHosts(port);
  for (const host of hosts) {
    const json = { 'content-type': 'application/json' };
    expectRefused(
      `sign-in under Host ${host}`,
      await send(host, 'POST', '/api/v1/auth/login', json, login),
    );
    for (const route of routes) {
      const mutating = MUTATING_METHODS.has(route.method);
      expectRefused(
        `${route.method} ${route.path} under Host ${host}`,
        await send(
          host,
          route.method,
          route.path,
          { cookie: ctx.adminCookie, ...(mutating ? json : {}) },
          mutating ? '{}' : undefined,
        ),
      );
    }
    expectRefused(`GET /metrics under Host ${host}`, await send(host, 'GET', '/metrics'));
    expectRefused(`GET / under Host ${host}`, await send(host, 'GET', '/'));
  }
  const changed = changedTables(before, await fingerprints.read());
  if (changed.length > 0)
    ctx.tally.fail(CLS, 'after the rebinding requests', `wrote to ${changed.join(', ')}`);

  // Controls: the refusals above are the Host's doing, not a broken sign-in or probe.
  const own = new URL(ctx.baseUrl).host;
  const control = ctx.tally.observe(
    CLS,
    `sign-in under the server's own Host ${own}`,
    await rawRequest(ctx.baseUrl, {
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { host: own, origin: `http://${own}`, 'content-type': 'application/json' },
      body: login,
    }),
    [200],
  );
  if (control.cookies.length === 0) ctx.tally.fail(CLS, 'control sign-in', 'no session cookie');
  for (const path of ['/healthz', '/readyz'])
    ctx.tally.observe(
      CLS,
      `GET ${path} under a pod address`,
      await rawRequest(ctx.baseUrl, { method: 'GET', path, headers: { host: '10.1.2.3:8080' } }),
      [200],
    );

  const listed = 'watchfloor.proof.example';
  const configured = await ctx.start({ WATCHFLOOR_ALLOWED_HOSTS: listed });
  try {
    ctx.tally.observe(
      CLS,
      `GET /metrics under the listed Host ${listed}`,
      await rawRequest(configured.url, {
        method: 'GET',
        path: '/metrics',
        headers: { host: `${listed}:${new URL(configured.url).port}` },
      }),
      [200],
    );
    ctx.tally.observe(
      CLS,
      'GET /metrics under an unlisted loopback Host',
      await rawRequest(configured.url, { method: 'GET', path: '/metrics' }),
      [421],
    );
  } finally {
    await configured.stop();
  }

  ctx.tally.observe(
    'oversize',
    'GET with a 17 KB URL',
    await rawRequest(ctx.baseUrl, {
      method: 'GET',
      path: `/api/v1/events?segment=${'a'.repeat(17 * 1024)}`,
    }),
    [431],
  );
  ctx.tally.observe(
    'oversize',
    'GET /api/v1/audit?event=%C3%A9',
    await rawRequest(ctx.baseUrl, {
      method: 'GET',
      path: '/api/v1/audit?event=%C3%A9',
      headers: { cookie: ctx.adminCookie },
    }),
    [422],
  );
  return { hosts: hosts.length, requests, byStatus };
}
