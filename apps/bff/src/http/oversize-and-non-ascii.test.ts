import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema } from '@watchfloor/shared/errors';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createTestApp } from '../testing/test-app.ts';
import { listen, type Listener } from './node-listener.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
let server: Listener;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  server = await listen(t.app, { hostname: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

/** One GET over node:http, so the request reaches the real HTTP parser in front of Hono. */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(parts).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('oversize and non-ASCII input', () => {
  it('answers a URL over 16 KB with 431 and the JSON error envelope, not an empty body', async () => {
    const response = await rawGet(`/api/v1/events?segment=${'a'.repeat(17 * 1024)}`);
    expect(response.status).toBe(431);
    expect(response.type).toMatch(/^application\/json/);
    const body = ErrorEnvelopeSchema.parse(JSON.parse(response.body));
    expect(body.error.message).toMatch(/16 KB/);
  });

  it('answers a Host that is not a host name with 421 and the envelope, not an empty 400', async () => {
    for (const host of ['localhost:80@attacker.example', 'attacker.example, 127.0.0.1']) {
      const response = await rawGet('/api/v1/me', { host });
      expect(response.status).toBe(421);
      expect(response.type).toMatch(/^application\/json/);
      expect(ErrorEnvelopeSchema.parse(JSON.parse(response.body)).error.code).toBe(
        'misdirected_request',
      );
    }
  });

  it('still serves ordinary requests on the same listener', async () => {
    expect((await rawGet('/healthz')).status).toBe(200);
  });

  it('refuses a non-ASCII audit event filter with 422 naming the field, not a 500', async () => {
    const response = await t.get('/api/v1/audit?event=%C3%A9', 'admin');
    expect(response.status).toBe(422);
    const body = ErrorEnvelopeSchema.parse(await response.json());
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'event' })]);
  });
});
