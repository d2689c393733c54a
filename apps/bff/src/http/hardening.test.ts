import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema } from '@watchfloor/shared/errors';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createTestApp, TEST_PASSWORD } from '../testing/test-app.ts';
import { minutesAgo, sampleEvents } from '../testing/sample-events.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
let https: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  https = await createTestApp(db, { auth: { secureCookies: true } });
  await t.ingest(sampleEvents({ fromMs: minutesAgo(20), toMs: minutesAgo(5) }));
});
afterAll(async () => db?.drop());

function expectHardenedError(response: Response, body: string, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(ErrorEnvelopeSchema.safeParse(JSON.parse(body)).success).toBe(true);
  expect(body).not.toMatch(/ER_|SELECT|\.ts:\d+|node_modules/);
}

/** A body sent as a stream, so the request carries no Content-Length. */
const streamed = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < bytes; sent += 16_384)
        controller.enqueue(new Uint8Array(16_384).fill(32));
      controller.close();
    },
  });

describe('request hardening', () => {
  it('refuses API bodies over 64 KB with 413 and the envelope, declared or streamed', async () => {
    const cookie = await t.cookieFor('admin');
    const headers = { cookie, 'content-type': 'application/json' };
    const declared = await t.app.request('/api/v1/actions', {
      method: 'POST',
      headers,
      body: `{"rationale":"${'x'.repeat(70_000)}"}`,
    });
    expectHardenedError(declared, await declared.text(), 413);
    const chunked = await t.app.request('/api/v1/actions', {
      method: 'POST',
      headers,
      body: streamed(200_000),
      duplex: 'half',
    } as RequestInit);
    expectHardenedError(chunked, await chunked.text(), 413);
    const [rows] = await db.pool.query('SELECT COUNT(*) AS n FROM actions');
    expect((rows as { n: number }[])[0]?.n).toBe(0);
  });

  it('answers an unexpected failure with a 500 envelope, the security headers and no internals', async () => {
    const cookie = await t.cookieFor('admin');
    await db.pool.query('RENAME TABLE annotations TO annotations_away');
    try {
      // A renamed table fails the next query the way a bug would: not an outage, not the caller's fault.
      const response = await t.app.request('/api/v1/entities/ent-0', { headers: { cookie } });
      expectHardenedError(response, await response.text(), 500);
    } finally {
      await db.pool.query('RENAME TABLE annotations_away TO annotations');
    }
  });

  it('serves a Secure __Host- session cookie and HSTS over HTTPS, and ignores the plain cookie name there', async () => {
    const response = await https.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager', password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const line = response.headers.get('set-cookie') ?? '';
    expect(line).toMatch(/^__Host-wf_session=/);
    expect(line).toMatch(/;\s*Secure/i);
    expect(line).toMatch(/;\s*Path=\//i);
    expect(line).not.toMatch(/Domain=/i);
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    const value = line.split(';')[0]!.split('=')[1]!;
    expect(
      (await https.app.request('/api/v1/me', { headers: { cookie: `__Host-wf_session=${value}` } }))
        .status,
    ).toBe(200);
    expect(
      (await https.app.request('/api/v1/me', { headers: { cookie: `wf_session=${value}` } }))
        .status,
    ).toBe(401);
    const missing = await https.app.request('/api/v1/nothing-here');
    expect(missing.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });
});
