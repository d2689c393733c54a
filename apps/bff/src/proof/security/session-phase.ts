import { setUserRoles } from '../../modules/auth/users.repository.ts';
import type { ProofStack } from './proof-stack.ts';
import { cookiePair, rawRequest, type RawResponse } from './raw-http.ts';
import { Tally } from './tally.ts';

const CLS = 'session';

/**
 * Cookie attributes (plain and HTTPS), a new id at every sign-in, revocation at sign-out and at a
 * role change, replay of every ended cookie, and the login rate limits against spoofed addresses
 * and username variants.
 */
export async function proveSessions(
  stack: ProofStack,
  baseUrl: string,
  tally: Tally,
): Promise<{ attemptsBefore429: number }> {
  const signIn = async (
    username: string,
    password = stack.password,
    headers: Record<string, string> = {},
    expect?: number[],
  ) =>
    tally.observe(
      CLS,
      `sign in as ${JSON.stringify(username)}`,
      await rawRequest(baseUrl, {
        method: 'POST',
        path: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ username, password }),
      }),
      expect,
    );
  const me = async (cookie: string, expect: number[], what: string) =>
    tally.observe(
      CLS,
      what,
      await rawRequest(baseUrl, { method: 'GET', path: '/api/v1/me', headers: { cookie } }),
      expect,
    );

  await stack.pool.query('DELETE FROM login_failures');
  checkCookie(tally, await signIn('operator', undefined, {}, [200]), { secure: false });

  const first = await signIn('rotating', undefined, {}, [200]);
  const firstCookie = cookiePair(first.cookies[0] ?? '');
  const second = await signIn('rotating', undefined, { cookie: firstCookie }, [200]);
  const secondCookie = cookiePair(second.cookies[0] ?? '');
  if (secondCookie === firstCookie)
    tally.fail(CLS, 'rotation at sign-in', 'the session id did not change');
  await me(firstCookie, [401], 'replay of the cookie replaced at sign-in');
  await me(secondCookie, [200], 'the new cookie');

  const out = tally.observe(
    CLS,
    'sign out',
    await rawRequest(baseUrl, {
      method: 'POST',
      path: '/api/v1/auth/logout',
      headers: { cookie: secondCookie, 'content-type': 'application/json' },
      body: '{}',
    }),
    [200],
  );
  if (!out.cookies.some((c) => /max-age=0|expires=thu, 01 jan 1970/i.test(c)))
    tally.fail(CLS, 'sign out', 'the cookie is not cleared');
  await me(secondCookie, [401], 'replay of a signed-out cookie');
  tally.observe(
    CLS,
    'sign out again with the signed-out cookie',
    await rawRequest(baseUrl, {
      method: 'POST',
      path: '/api/v1/auth/logout',
      headers: { cookie: secondCookie, 'content-type': 'application/json' },
      body: '{}',
    }),
    [401],
  );

  const beforeChange = cookiePair(
    (await signIn('rotating', undefined, {}, [200])).cookies[0] ?? '',
  );
  await setUserRoles(stack.pool, 'rotating', ['operator', 'approver'], Date.now() + 1);
  await me(beforeChange, [401], 'replay of a cookie issued before a role change');
  await me(
    cookiePair((await signIn('rotating', undefined, {}, [200])).cookies[0] ?? ''),
    [200],
    'a cookie issued after the role change',
  );

  for (const forged of [
    'wf_session=',
    `wf_session=${'A'.repeat(43)}`,
    `wf_session=${firstCookie.split('=')[1]}x`,
    `wf_session=' OR '1'='1`,
    `__Host-wf_session=${secondCookie.split('=')[1]}`,
  ])
    await me(forged, [401], `forged cookie ${forged.slice(0, 30)}`);

  // Per account: five failures, then 429 even with the right password, a new X-Forwarded-For or a variant of the name.
  let attemptsBefore429 = 0;
  for (let i = 0; i < 10; i++) {
    const response = await signIn(
      'brute',
      `wrong-${i}`,
      { 'x-forwarded-for': `203.0.113.${i}` },
      [401, 429],
    );
    if (response.status === 429) break;
    attemptsBefore429++;
  }
  if (attemptsBefore429 > 5)
    tally.fail(CLS, 'brute force on one account', `${attemptsBefore429} failures before 429`);
  const limited = await signIn(
    'brute',
    stack.password,
    { 'x-forwarded-for': '198.51.100.7' },
    [429],
  );
  if (!(Number(limited.headers['retry-after']) > 0))
    tally.fail(CLS, 'brute force on one account', 'no Retry-After on 429');
  for (const variant of ['BRUTE', 'Brute', 'brute ', ' brute', 'brute\t', 'brute\u0000']) {
    const response = await signIn(
      variant,
      stack.password,
      { 'x-forwarded-for': '198.51.100.8' },
      [401, 422, 429],
    );
    if (response.status === 200)
      tally.fail(
        CLS,
        `variant ${JSON.stringify(variant)}`,
        'signed in while the account is rate limited',
      );
  }

  // Per address: failures on many unknown accounts exhaust the address, whatever X-Forwarded-For says.
  for (let i = 0; i < 25; i++)
    await signIn(
      `nobody-${i}`,
      'wrong',
      { 'x-forwarded-for': `192.0.2.${i}`, 'x-real-ip': `192.0.2.${i}` },
      [401, 429],
    );
  await signIn('brute2', stack.password, { 'x-forwarded-for': '192.0.2.250' }, [429]);
  await stack.pool.query('DELETE FROM login_failures');
  await signIn('brute2', stack.password, {}, [200]);
  return { attemptsBefore429 };
}

/** The same sign-in on a server started with WATCHFLOOR_HTTPS=1: __Host- prefix, Secure, and HSTS. */
export async function proveHttpsCookie(stack: ProofStack): Promise<Tally> {
  const server = await stack.start({ WATCHFLOOR_HTTPS: '1' });
  const https = new Tally({ https: true });
  const response = https.observe(
    CLS,
    'sign in with WATCHFLOOR_HTTPS=1',
    await rawRequest(server.url, {
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager', password: stack.password }),
    }),
    [200],
  );
  checkCookie(https, response, { secure: true });
  https.observe(
    CLS,
    'a 404 with WATCHFLOOR_HTTPS=1',
    await rawRequest(server.url, { method: 'GET', path: '/api/v1/nothing-here' }),
    [404],
  );
  await server.stop();
  return https;
}

function checkCookie(tally: Tally, response: RawResponse, options: { secure: boolean }): void {
  const line = response.cookies[0] ?? '';
  const attributes = line
    .split(';')
    .slice(1)
    .map((part) => part.trim().toLowerCase());
  const has = (name: string) => attributes.some((a) => a === name || a.startsWith(`${name}=`));
  const what = `Set-Cookie ${options.secure ? '(HTTPS)' : '(plain HTTP)'}`;
  tally.count(CLS);
  if (!has('httponly')) tally.fail(CLS, what, 'no HttpOnly');
  if (!attributes.some((a) => a === 'samesite=lax' || a === 'samesite=strict'))
    tally.fail(CLS, what, 'no SameSite=Lax/Strict');
  if (!attributes.includes('path=/')) tally.fail(CLS, what, 'no Path=/');
  if (has('domain')) tally.fail(CLS, what, 'has a Domain attribute');
  if (options.secure && !(line.startsWith('__Host-') && has('secure')))
    tally.fail(CLS, what, `not a Secure __Host- cookie: ${line.split('=')[0]}`);
  if (!options.secure && has('secure'))
    tally.fail(CLS, what, 'Secure on plain HTTP would never be sent back');
}
