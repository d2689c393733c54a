import { rawRequest, type RawResponse } from './raw-http.ts';
import { catalogue, errorBodyOf } from './route-catalogue.ts';
import type { Tally } from './tally.ts';

const CLS = 'object authorisation';

export interface AuthzContext {
  baseUrl: string;
  tally: Tally;
  token: string;
  cookies: { operator: string; approver: string; manager: string; admin: string };
  /** An action in state proposed, proposed by `approver`. */
  proposedByApprover: number;
  entity: string;
}

/** The error body without its request id: what a caller could compare to tell two refusals apart. */
const refusal = (response: RawResponse) =>
  `${response.status} ${response.body.replace(/"requestId":"[^"]*"/, '')}`;

/**
 * Refusals that reveal nothing: for each pair the caller may not tell an existing id from a
 * missing one; every credential used where it does not belong; HEAD, other methods and path
 * spellings of every route without credentials.
 */
export async function proveObjectAuthorisation(ctx: AuthzContext): Promise<void> {
  const call = async (
    what: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    expect: number[],
    body?: string,
  ) =>
    ctx.tally.observe(
      CLS,
      what,
      await rawRequest(ctx.baseUrl, {
        method,
        path,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body,
      }),
      expect,
      { head: method === 'HEAD', errorBody: errorBodyOf(path) },
    );
  const indistinguishable = async (
    what: string,
    method: string,
    existing: string,
    missing: string,
    headers: Record<string, string>,
    expect: number[],
    body?: string,
  ) => {
    const a = await call(`${what} (existing)`, method, existing, headers, expect, body);
    const b = await call(`${what} (missing)`, method, missing, headers, expect, body);
    if (refusal(a) !== refusal(b))
      ctx.tally.fail(
        CLS,
        what,
        `existing and missing ids answer differently: ${refusal(a).slice(0, 120)} / ${refusal(b).slice(0, 120)}`,
      );
  };

  await indistinguishable(
    'manager reads raw events',
    'GET',
    `/api/v1/events?entityId=${ctx.entity}`,
    '/api/v1/events?entityId=no-such-entity',
    { cookie: ctx.cookies.manager },
    [403],
  );
  await indistinguishable(
    'operator approves',
    'POST',
    `/api/v1/actions/${ctx.proposedByApprover}/approve`,
    '/api/v1/actions/987654321/approve',
    { cookie: ctx.cookies.operator },
    [403],
    '{}',
  );
  await indistinguishable(
    'manager rejects',
    'POST',
    `/api/v1/actions/${ctx.proposedByApprover}/reject`,
    '/api/v1/actions/987654321/reject',
    { cookie: ctx.cookies.manager },
    [403],
    '{"comment":"no"}',
  );
  await indistinguishable(
    'manager cancels',
    'POST',
    `/api/v1/actions/${ctx.proposedByApprover}/cancel`,
    '/api/v1/actions/987654321/cancel',
    { cookie: ctx.cookies.manager },
    [403],
    '{}',
  );
  await indistinguishable(
    'operator reads the audit trail of an action',
    'GET',
    `/api/v1/audit?actionId=${ctx.proposedByApprover}`,
    '/api/v1/audit?actionId=987654321',
    { cookie: ctx.cookies.operator },
    [403],
  );
  await indistinguishable(
    'ingest token reads an entity',
    'GET',
    `/api/v1/entities/${ctx.entity}`,
    '/api/v1/entities/no-such-entity',
    { authorization: `Bearer ${ctx.token}` },
    [401],
  );
  await indistinguishable(
    'anonymous reads an action',
    'GET',
    `/api/v1/actions/${ctx.proposedByApprover}`,
    '/api/v1/actions/987654321',
    {},
    [401],
  );
  await call(
    'proposer approves own action',
    'POST',
    `/api/v1/actions/${ctx.proposedByApprover}/approve`,
    { cookie: ctx.cookies.approver },
    [403],
    '{}',
  );
  await call(
    'operator reads trends',
    'GET',
    '/api/v1/trends',
    { cookie: ctx.cookies.operator },
    [403],
  );
  await call(
    'session on ingest',
    'POST',
    '/api/v1/ingest/events',
    { cookie: ctx.cookies.admin },
    [401],
    '{"events":[]}',
  );

  for (const route of catalogue()) {
    const path = route.template
      .replace(':segmentId', 'proof-seg')
      .replace(':entityId', ctx.entity)
      .replace(':actionId', String(ctx.proposedByApprover));
    if (route.access.kind !== 'public') {
      const denied = [401];
      await call(
        `anonymous ${route.method}`,
        route.method,
        path,
        {},
        denied,
        route.method === 'GET' ? undefined : '{}',
      );
      if (route.method === 'GET') await call('anonymous HEAD', 'HEAD', path, {}, denied);
      if (route.access.kind === 'session')
        await call(
          'ingest token on a session route',
          route.method,
          path,
          { authorization: `Bearer ${ctx.token}` },
          denied,
          route.method === 'GET' ? undefined : '{}',
        );
      for (const spelling of spellings(path)) {
        await call(
          `anonymous ${route.method} spelled ${spelling}`,
          route.method,
          spelling,
          {},
          [400, 401, 403, 404],
          route.method === 'GET' ? undefined : '{}',
        );
      }
    }
    for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'].filter(
      (m) => m !== route.method,
    )) {
      await call(
        `${method} on ${route.key}`,
        method,
        path,
        { cookie: ctx.cookies.admin },
        [404, 405],
        method === 'TRACE' || method === 'OPTIONS' ? undefined : '{}',
      );
    }
  }
}

/** Other spellings of a path a router or proxy might treat as the same route. */
function spellings(path: string): string[] {
  const [pathname, query = ''] = path.split('?') as [string, string?];
  const q = query ? `?${query}` : '';
  const tail = pathname.slice('/api/v1/'.length);
  return [
    `${pathname}/${q}`,
    `/api/v1//${tail}${q}`,
    `/API/v1/${tail}${q}`,
    `/api/v1/./${tail}${q}`,
    `/api/v1/x/../${tail}${q}`,
    `/api/v1/%2e/${tail}${q}`,
    `/api/v1/${encodeURIComponent(tail[0]!).replace(/./, (c) => `%${c.charCodeAt(0).toString(16)}`)}${tail.slice(1)}${q}`,
    `/api/v1/${tail};x=1${q}`,
  ];
}
