import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginPage } from './login-page.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function renderWithConfig(config: unknown): Promise<HTMLElement> {
  vi.stubGlobal(
    'fetch',
    async () => new Response(JSON.stringify({ data: config }), { status: 200 }),
  );
  const container = document.createElement('div');
  document.body.append(container);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  await act(async () =>
    createRoot(container).render(
      <QueryClientProvider client={client}>
        <LoginPage onSignedIn={() => undefined} />
      </QueryClientProvider>,
    ),
  );
  for (let i = 0; i < 3; i += 1)
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
  return container;
}

const ssoLink = (container: HTMLElement) =>
  [...container.querySelectorAll('a')].find((a) => a.textContent?.startsWith('Sign in with'));

describe('LoginPage', () => {
  it('offers the password form alone when single sign-on is off', async () => {
    const page = await renderWithConfig({ localLogin: true, sso: null });
    expect(ssoLink(page)).toBeUndefined();
    expect(page.querySelector('input[name="password"]')).not.toBeNull();
  });

  it('offers "Sign in with <provider>" beside the form when both are on', async () => {
    const page = await renderWithConfig({
      localLogin: true,
      sso: { providerName: 'Keycloak', loginUrl: '/api/v1/auth/oidc/login' },
    });
    expect(ssoLink(page)?.textContent).toBe('Sign in with Keycloak');
    expect(ssoLink(page)?.getAttribute('href')).toBe('/api/v1/auth/oidc/login');
    expect(page.querySelector('input[name="password"]')).not.toBeNull();
  });

  it('hides the password form when local accounts are switched off', async () => {
    const page = await renderWithConfig({
      localLogin: false,
      sso: { providerName: 'Keycloak', loginUrl: '/api/v1/auth/oidc/login' },
    });
    expect(ssoLink(page)).toBeDefined();
    expect(page.querySelector('input[name="password"]')).toBeNull();
  });
});
