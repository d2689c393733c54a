import type { Pool } from '../../db/pool.ts';
import { changedTables, fingerprintReader } from './db-fingerprint.ts';
import { catalogue, MUTATING_METHODS } from './route-catalogue.ts';
import { streamUntilAnswered } from './streamed-body.ts';
import type { Tally } from './tally.ts';

export interface OversizeFigures {
  /** Largest number of body bytes any 413 needed before it was sent, per framing. */
  maxBytesReadBefore413: { contentLength: number; chunked: number };
}

/**
 * Every mutation route, anonymous and authorised, with a body over its limit: declared by
 * Content-Length (answered from the header, before the body is sent) and chunked (answered once
 * the limit is crossed, not at the end of the body). Nothing may be written.
 */
export async function proveBodyLimits(ctx: {
  baseUrl: string;
  pool: Pool;
  tally: Tally;
  cookie: string;
  token: string;
}): Promise<OversizeFigures> {
  const fingerprints = await fingerprintReader(ctx.pool);
  const before = await fingerprints.read();
  const figures: OversizeFigures = { maxBytesReadBefore413: { contentLength: 0, chunked: 0 } };
  for (const route of catalogue().filter((r) => MUTATING_METHODS.has(r.method))) {
    const limit = route.bodyLimit;
    const path = route.template.replace(/:(\w+)/g, '1');
    const credentials: Record<string, string> =
      route.access.kind === 'ingest'
        ? { authorization: `Bearer ${ctx.token}` }
        : route.access.kind === 'session'
          ? { cookie: ctx.cookie }
          : {};
    for (const who of ['anonymous', 'authorised'] as const) {
      for (const chunked of [false, true]) {
        const headers = {
          'content-type': 'application/json',
          ...(who === 'authorised' ? credentials : {}),
        };
        // Declared: claim four times the limit and send only a little, so an answer proves the body was not awaited.
        const { response, sentBytes } = await streamUntilAnswered(ctx.baseUrl, {
          method: route.method,
          path,
          headers,
          chunked,
          totalBytes: chunked ? limit * 2 : limit + 1,
          declaredLength: chunked ? undefined : limit * 4,
        });
        const what = `${route.method} ${path} ${who} ${chunked ? 'chunked' : 'Content-Length'} ${chunked ? limit * 2 : limit * 4} bytes`;
        if (!response) {
          ctx.tally.fail('oversize body', what, `no answer after ${sentBytes} bytes`);
          continue;
        }
        // Without credentials a non-public route may refuse by authorisation before the body is read: as good as 413.
        const expected = who === 'anonymous' && route.access.kind !== 'public' ? [401, 413] : [413];
        ctx.tally.observe('oversize body', what, response, expected, {
          errorBody: route.errorBody,
        });
        const key = chunked ? 'chunked' : 'contentLength';
        figures.maxBytesReadBefore413[key] = Math.max(
          figures.maxBytesReadBefore413[key],
          sentBytes,
        );
        if (sentBytes > limit + 256 * 1024)
          ctx.tally.fail(
            'oversize body',
            what,
            `answered only after ${sentBytes} bytes (limit ${limit})`,
          );
      }
    }
  }
  const changed = changedTables(before, await fingerprints.read());
  if (changed.length > 0)
    ctx.tally.fail('oversize body', 'all oversize requests', `wrote to ${changed.join(', ')}`);
  return figures;
}
