import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { ApiError } from '../lib/api-client.ts';
import { setAppNavigator } from '../lib/navigate-in-app.ts';
import { enableSessionGate } from '../lib/session-gate.ts';
import { paths } from '../lib/paths.ts';
import { createQueryClient } from '../lib/query-client.ts';
import { createRouter, type AppRouter } from './router.tsx';

/**
 * Providers and the router, created once per mounted app. Any read refused with 401 sends the
 * user to sign in and back to the same URL afterwards; the BFF decides, the UI follows.
 */
export function App() {
  const [{ queryClient, router }] = useState(() => {
    // Signed out, the app goes to sign-in without sending requests the server would refuse.
    enableSessionGate();
    const holder: { router?: AppRouter } = {};
    const client = createQueryClient({
      onError: (error) => {
        const current = holder.router?.state.location;
        if (
          !(error instanceof ApiError) ||
          error.code !== 'unauthenticated' ||
          !current ||
          current.pathname === '/login'
        )
          return;
        void holder.router?.navigate(paths.login(`${current.pathname}${current.search}`), {
          replace: true,
        });
      },
    });
    holder.router = createRouter(client);
    const router = holder.router;
    // Chart flags open an action's page through the router, without reloading the app.
    setAppNavigator((href) => void router.navigate(href));
    return { queryClient: client, router };
  });
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
