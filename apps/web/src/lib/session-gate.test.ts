import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, getJson, postJson } from './api-client.ts';
import { enableSessionGate } from './session-gate.ts';

const AnySchema = z.unknown();
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const ME = { username: 'op', displayName: 'Op', roles: ['operator'], teams: ['*'] };

/** A server with one session cookie that sign-in sets; records every path asked for. */
function stubServer() {
  const state = { signedIn: false };
  const paths: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    paths.push(url);
    if (url === '/api/v1/auth/session') return json(200, { data: state.signedIn ? ME : null });
    if (url === '/api/v1/auth/login') {
      state.signedIn = true;
      return json(200, { data: ME });
    }
    return state.signedIn
      ? json(200, { data: 'ok' })
      : json(401, { error: { code: 'unauthenticated', message: 'Sign in', requestId: 'r' } });
  });
  return paths;
}

beforeEach(() => {
  vi.unstubAllGlobals();
  enableSessionGate();
});

describe('the session gate', () => {
  it('signed out, refuses session requests itself after asking once, so no 401 is ever sent', async () => {
    const paths = stubServer();
    const refusals = await Promise.allSettled([
      getJson('/api/v1/me', AnySchema),
      getJson('/api/v1/overview', AnySchema),
    ]);
    for (const refusal of refusals) {
      expect(refusal.status).toBe('rejected');
      const reason = (refusal as PromiseRejectedResult).reason as ApiError;
      expect(reason).toBeInstanceOf(ApiError);
      expect([reason.status, reason.code]).toEqual([401, 'unauthenticated']);
    }
    expect(paths).toEqual(['/api/v1/auth/session']);
  });

  it('after sign-in, sends them', async () => {
    const paths = stubServer();
    await expect(getJson('/api/v1/me', AnySchema)).rejects.toBeInstanceOf(ApiError);
    await postJson('/api/v1/auth/login', { username: 'op', password: 'x' }, AnySchema);
    await expect(getJson('/api/v1/me', AnySchema)).resolves.toEqual({ data: 'ok' });
    expect(paths).toEqual(['/api/v1/auth/session', '/api/v1/auth/login', '/api/v1/me']);
  });
});
