import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { Pool } from '../../db/pool.ts';
import { changedTables, fingerprintReader, type Fingerprint } from './db-fingerprint.ts';
import { rawRequest, type RawRequest } from './raw-http.ts';
import { catalogue, MUTATING_METHODS, type CatalogueRoute } from './route-catalogue.ts';
import type { Tally } from './tally.ts';
import {
  HOSTILE_STRINGS,
  jsonArbitrary,
  queryArbitrary,
  type FieldHints,
} from './zod-arbitrary.ts';

export interface FuzzContext {
  baseUrl: string;
  pool: Pool;
  tally: Tally;
  /** A session allowed on every session route (admin); never signed out by the fuzz. */
  adminCookie: string;
  token: string;
  /** A fresh session for each sign-out, so the admin session survives. */
  freshCookie: () => Promise<string>;
  hints: FieldHints;
  /** Values for path parameters that exist, so fuzzed bodies also reach real rows. */
  pathValues: Record<string, readonly string[]>;
  seed: number;
  runs: { query: number; body: number; bytes: number; path: number; logout: number };
}

const CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/xml',
  '',
];

/**
 * Sends schema-derived and random input to every route of the table as a caller it admits, one
 * request at a time, and compares a checksum of every table after each: a refused request (4xx)
 * or a read must leave the database exactly as it was.
 */
export async function fuzzEveryRoute(ctx: FuzzContext): Promise<void> {
  const fingerprints = await fingerprintReader(ctx.pool);
  let last = await fingerprints.read();
  const send = async (cls: string, route: CatalogueRoute, request: RawRequest) => {
    // A sign-out brings its own fresh session, created just before: that sign-in is not the request's write.
    if (route.key.endsWith('/logout')) last = await fingerprints.read();
    const response = ctx.tally.observe(
      cls,
      `${request.method} ${request.path.slice(0, 160)}`,
      await rawRequest(ctx.baseUrl, request),
      undefined,
      { errorBody: route.errorBody },
    );
    const now: Fingerprint = await fingerprints.read();
    if (response.status >= 400 || !MUTATING_METHODS.has(request.method)) {
      // Failed sign-ins are counted on purpose; that is the rate limit's memory, not a write by the request.
      const allowed = allowedWrites(route.key, response.status);
      const changed = changedTables(last, now, allowed);
      if (changed.length > 0)
        ctx.tally.fail(
          cls,
          `${request.method} ${request.path.slice(0, 120)} → ${response.status}`,
          `wrote to ${changed.join(', ')}`,
        );
    }
    last = now;
    return response;
  };
  const routes = catalogue();
  // Sign-in last: its failures fill the per-address budget, which the caller clears afterwards.
  routes.sort((a, b) => Number(a.access.kind === 'public') - Number(b.access.kind === 'public'));
  for (const route of routes) {
    const auth = async (): Promise<Record<string, string>> =>
      route.access.kind === 'ingest'
        ? { authorization: `Bearer ${ctx.token}` }
        : route.access.kind === 'public'
          ? {}
          : { cookie: route.key.endsWith('/logout') ? await ctx.freshCookie() : ctx.adminCookie };
    const pathArb = pathArbitrary(route.template, ctx.pathValues);
    const params = { seed: ctx.seed, numRuns: 0, endOnFailure: true };
    if (route.method === 'GET') {
      await fc.assert(
        fc.asyncProperty(pathArb, queryArbitrary(route.query, ctx.hints), async (path, query) => {
          await send('query fuzz', route, {
            method: 'GET',
            path: `${path}${query.size > 0 ? `?${query}` : ''}`,
            headers: await auth(),
          });
        }),
        { ...params, numRuns: ctx.runs.query },
      );
      continue;
    }
    const bodyRuns = route.key.endsWith('/logout') ? ctx.runs.logout : ctx.runs.body;
    await fc.assert(
      fc.asyncProperty(pathArb, jsonArbitrary(route.body!, ctx.hints), async (path, body) => {
        const headers = {
          'content-type': 'application/json',
          'idempotency-key': randomBytes(6).toString('hex'),
          ...(await auth()),
        };
        await send('body fuzz', route, {
          method: route.method,
          path,
          headers,
          body: JSON.stringify(body) ?? 'null',
        });
      }),
      { ...params, numRuns: bodyRuns },
    );
    await fc.assert(
      fc.asyncProperty(
        pathArb,
        fc.uint8Array({ maxLength: 4_096 }),
        fc.constantFrom(...CONTENT_TYPES),
        async (path, bytes, type) => {
          const headers: Record<string, string> = {
            ...(await auth()),
            ...(type ? { 'content-type': type } : {}),
          };
          await send('random bytes', route, {
            method: route.method,
            path,
            headers,
            body: Buffer.from(bytes),
          });
        },
      ),
      { ...params, numRuns: route.key.endsWith('/logout') ? ctx.runs.logout : ctx.runs.bytes },
    );
  }
  await fuzzPathParameters(ctx, routes, send);
}

/**
 * Writes a refused request may make by design: a failed sign-in is counted (the rate limit's
 * memory), and a transition the policy refuses (409) is audited with its evaluation, the action
 * itself unchanged.
 */
function allowedWrites(routeKey: string, status: number): string[] {
  if (routeKey === 'POST /api/v1/auth/login' && status === 401) return ['login_failures#rows'];
  if (routeKey.startsWith('POST /api/v1/actions') && status === 409)
    return ['action_evaluations', 'audit_log', 'audit_head'];
  return [];
}

type Send = (cls: string, route: CatalogueRoute, request: RawRequest) => Promise<unknown>;

/** Hostile ids in every path parameter of every templated route: 404 or a 4xx, never a 5xx or a write. */
async function fuzzPathParameters(
  ctx: FuzzContext,
  routes: CatalogueRoute[],
  send: Send,
): Promise<void> {
  for (const route of routes.filter((r) => r.template.includes(':'))) {
    const hostileId = fc.oneof(
      fc.constantFrom(...HOSTILE_STRINGS),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.integer().map(String),
      fc.constant('1'.repeat(30)),
    );
    await fc.assert(
      fc.asyncProperty(hostileId, async (id) => {
        const path = route.template.replace(/:(\w+)/g, () => encodeURIComponent(id));
        const headers = {
          'content-type': 'application/json',
          ...(route.access.kind === 'ingest'
            ? { authorization: `Bearer ${ctx.token}` }
            : { cookie: ctx.adminCookie }),
        };
        await send('path fuzz', route, {
          method: route.method,
          path,
          headers,
          body: route.method === 'GET' ? undefined : '{}',
        });
      }),
      { seed: ctx.seed, numRuns: ctx.runs.path },
    );
  }
}

function pathArbitrary(
  template: string,
  values: Record<string, readonly string[]>,
): fc.Arbitrary<string> {
  const names = [...template.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (names.length === 0) return fc.constant(template);
  return fc
    .tuple(...names.map((name) => fc.constantFrom(...(values[name] ?? ['x']))))
    .map((chosen) => {
      let i = 0;
      return template.replace(/:(\w+)/g, () => encodeURIComponent(chosen[i++]!));
    });
}
