import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Pool } from '../../db/pool.ts';
import { changedTables, fingerprintReader } from './db-fingerprint.ts';
import { rawRequest } from './raw-http.ts';
import { catalogue, MUTATING_METHODS } from './route-catalogue.ts';
import type { Tally } from './tally.ts';

const CLS = 'csrf';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** The browser half lives with the e2e package, which owns Playwright; its answer is checked here. */
const CsrfRunSchema = z.object({
  attackerOrigin: z.string(),
  chromium: z.string(),
  attempts: z.array(
    z.object({ technique: z.string(), path: z.string(), status: z.number().nullable() }),
  ),
});
type RunCsrfAttack = (options: {
  targetUrl: string;
  cookie: { name: string; value: string };
  targets: { method: string; path: string }[];
  executablePath?: string;
}) => Promise<unknown>;
const CsrfModuleSchema = z.object({
  runCsrfAttack: z.custom<RunCsrfAttack>((value) => typeof value === 'function'),
});

export interface CsrfFigures {
  chromium: string;
  attempts: number;
  reachedServer: number;
  byStatus: Record<string, number>;
  /** Per technique: answers seen on the wire across all mutation routes. */
  byTechnique: Record<string, Record<string, number>>;
}

/**
 * A page on another loopback port, in Chromium, with the admin's session cookie, tries form posts,
 * no-cors and CORS fetches and beacons against every mutation route. None may succeed, the
 * session must survive, the action must stay proposed and no table may change.
 */
export async function proveCsrf(ctx: {
  baseUrl: string;
  pool: Pool;
  tally: Tally;
  adminCookie: string;
  actionId: number;
}): Promise<CsrfFigures> {
  const module: unknown = await import(
    pathToFileURL(path.join(root, 'e2e/proof/csrf-browser.ts')).href
  );
  const { runCsrfAttack } = CsrfModuleSchema.parse(module);
  const targets = catalogue()
    .filter((route) => MUTATING_METHODS.has(route.method))
    .map((route) => ({
      method: route.method,
      path: route.template.replace(':actionId', String(ctx.actionId)),
    }));
  const [name, value] = ctx.adminCookie.split('=') as [string, string];
  const fingerprints = await fingerprintReader(ctx.pool);
  const before = await fingerprints.read();
  const run = CsrfRunSchema.parse(
    await runCsrfAttack({
      targetUrl: ctx.baseUrl,
      cookie: { name, value },
      targets,
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    }),
  );
  const byStatus: Record<string, number> = {};
  const byTechnique: Record<string, Record<string, number>> = {};
  for (const attempt of run.attempts) {
    ctx.tally.count(CLS);
    const key = attempt.status === null ? 'no answer' : String(attempt.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    const technique = (byTechnique[attempt.technique] ??= {});
    technique[key] = (technique[key] ?? 0) + 1;
    if (attempt.status !== null && attempt.status < 400)
      ctx.tally.fail(
        CLS,
        `${attempt.technique} ${attempt.path} from ${run.attackerOrigin}`,
        `answered ${attempt.status}`,
      );
  }
  const posts = run.attempts.filter((a) => a.technique.includes('(POST'));
  if (posts.length < targets.length)
    ctx.tally.fail(
      CLS,
      'attack page',
      `only ${posts.length} POSTs left the browser for ${targets.length} routes`,
    );
  const changed = changedTables(before, await fingerprints.read());
  if (changed.length > 0) ctx.tally.fail(CLS, 'after the attack', `wrote to ${changed.join(', ')}`);
  ctx.tally.observe(
    CLS,
    'victim session after the attack',
    await rawRequest(ctx.baseUrl, {
      method: 'GET',
      path: '/api/v1/me',
      headers: { cookie: ctx.adminCookie },
    }),
    [200],
  );
  const action = await rawRequest(ctx.baseUrl, {
    method: 'GET',
    path: `/api/v1/actions/${ctx.actionId}`,
    headers: { cookie: ctx.adminCookie },
  });
  if (!action.body.includes('"state":"proposed"'))
    ctx.tally.fail(CLS, 'after the attack', `action ${ctx.actionId} is no longer proposed`);
  return {
    chromium: run.chromium,
    attempts: run.attempts.length,
    reachedServer: run.attempts.filter((a) => a.status !== null).length,
    byStatus,
    byTechnique,
  };
}

/** Same-origin mutations with text/plain, form and multipart bodies: refused with 415 before any handler runs. */
export async function proveContentTypes(ctx: {
  baseUrl: string;
  tally: Tally;
  adminCookie: string;
  token: string;
  actionId: number;
}): Promise<void> {
  const origin = new URL(ctx.baseUrl).origin;
  for (const route of catalogue().filter((r) => MUTATING_METHODS.has(r.method))) {
    const path = route.template.replace(':actionId', String(ctx.actionId));
    const auth: Record<string, string> =
      route.access.kind === 'ingest'
        ? { authorization: `Bearer ${ctx.token}` }
        : { cookie: ctx.adminCookie };
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=b',
      'text/plain; charset=application/json',
      'application/jsonp',
      '',
    ]) {
      const headers: Record<string, string> = {
        ...auth,
        origin,
        ...(type ? { 'content-type': type } : {}),
      };
      ctx.tally.observe(
        'content type',
        `${route.method} ${path} as ${type || '(none)'}`,
        await rawRequest(ctx.baseUrl, {
          method: route.method,
          path,
          headers,
          body: '{"comment":"x"}',
        }),
        [415],
        { errorBody: route.errorBody },
      );
    }
  }
}
