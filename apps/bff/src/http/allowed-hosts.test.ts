import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema } from '@watchfloor/shared/errors';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createTestApp, TEST_PASSWORD } from '../testing/test-app.ts';
import {
  defaultAllowedHosts,
  hostPolicy,
  invalidHostEntries,
  parseAllowedHosts,
} from './allowed-hosts.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;

const REBIND = 'rebind.attacker.example';

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
});
afterAll(async () => db?.drop());

const signIn = (host: string) =>
  t.app.request(`http://${host}/api/v1/auth/login`, {
    method: 'POST',
    headers: { host, origin: `http://${host}`, 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operator', password: TEST_PASSWORD }),
  });

async function expectMisdirected(response: Response): Promise<void> {
  expect(response.status).toBe(421);
  expect(response.headers.get('set-cookie')).toBeNull();
  const body = ErrorEnvelopeSchema.parse(await response.json());
  expect(body.error.code).toBe('misdirected_request');
}

describe('Host allow-list (DNS rebinding)', () => {
  it('refuses sign-in under a rebinding Host with a matching Origin with 421 and the envelope', async () => {
    await expectMisdirected(await signIn(REBIND));
    await expectMisdirected(await signIn(`${REBIND}:8080`));
  });

  it('refuses reads of raw events and /metrics under a rebinding Host, even with a valid session', async () => {
    const cookie = await t.cookieFor('operator');
    await expectMisdirected(
      await t.app.request(`http://${REBIND}/api/v1/events`, {
        headers: { host: REBIND, cookie },
      }),
    );
    await expectMisdirected(
      await t.app.request(`http://${REBIND}/metrics`, { headers: { host: REBIND } }),
    );
  });

  it('refuses a mutation under a rebinding Host with a matching Origin before CSRF or any handler', async () => {
    const cookie = await t.cookieFor('admin');
    await expectMisdirected(
      await t.app.request(`http://${REBIND}/api/v1/auth/logout`, {
        method: 'POST',
        headers: {
          host: REBIND,
          origin: `http://${REBIND}`,
          cookie,
          'content-type': 'application/json',
        },
        body: '{}',
      }),
    );
    expect((await t.get('/api/v1/me', 'admin')).status).toBe(200);
  });

  it('refuses a mutation whose Origin is not an allowed host even when Host says the same', async () => {
    const cookie = await t.cookieFor('manager');
    const response = await t.app.request('http://localhost/api/v1/auth/logout', {
      method: 'POST',
      headers: {
        host: 'localhost',
        origin: `http://${REBIND}`,
        cookie,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('admits the loopback names on any port by default, and health probes under any Host', async () => {
    for (const host of ['localhost', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST:9000'])
      expect((await signIn(host)).status).toBe(200);
    for (const path of ['/healthz', '/readyz'])
      expect(
        (await t.app.request(`http://10.1.2.3:8080${path}`, { headers: { host: '10.1.2.3:8080' } }))
          .status,
      ).toBe(200);
  });
});

describe('allowed-host rules', () => {
  it('admits listed names (any port unless one is given), dotted suffixes for subdomains, nothing else', () => {
    const policy = hostPolicy(parseAllowedHosts('watchfloor.example.com, .corp.example, ops:8443'));
    expect(policy.allows('watchfloor.example.com')).toBe(true);
    expect(policy.allows('WATCHFLOOR.example.com:443')).toBe(true);
    expect(policy.allows('a.corp.example')).toBe(true);
    expect(policy.allows('corp.example')).toBe(true);
    expect(policy.allows('ops:8443')).toBe(true);
    expect(policy.allows('ops:8080')).toBe(false);
    expect(policy.allows('evil-corp.example')).toBe(false);
    expect(policy.allows('watchfloor.example.com.attacker.example')).toBe(false);
    expect(policy.allows('localhost')).toBe(false);
    expect(policy.allows('')).toBe(false);
    expect(policy.allows('a b')).toBe(false);
  });

  it('names the entries of a configured list that are not host names', () => {
    expect(
      invalidHostEntries(
        parseAllowedHosts('ok.example, http://bad.example, .corp.example, *, a b'),
      ),
    ).toEqual(['http://bad.example', 'a b']);
  });

  it('defaults to loopback and the listening address; a wildcard address admits IP literals but no names', () => {
    const specific = hostPolicy(defaultAllowedHosts('10.0.0.5'));
    expect(specific.allows('10.0.0.5:8080')).toBe(true);
    expect(specific.allows('10.0.0.6:8080')).toBe(false);
    expect(specific.allows('localhost:8080')).toBe(true);
    const wildcard = hostPolicy(defaultAllowedHosts('0.0.0.0'));
    expect(wildcard.allows('192.168.1.20:8080')).toBe(true);
    expect(wildcard.allows('[fe80::1]:8080')).toBe(true);
    expect(wildcard.allows(`${REBIND}:8080`)).toBe(false);
    expect(wildcard.allows('1.2.3.4.attacker.example')).toBe(false);
  });
});
