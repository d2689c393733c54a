import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './app-layout.tsx';
import { HANDLES } from './route-handles.ts';
import { createLoaders } from './route-loaders.ts';
import { registerRouteChunk } from '../lib/route-prefetch.ts';
import { LoginRoute } from './routes/login-route.tsx';
import { NotFoundRoute, RouteErrorFallback } from './routes/not-found-route.tsx';
import { OverviewRoute } from './routes/overview-route.tsx';

/**
 * Route table of the drill-down: overview → segment → entity → raw events. The overview ships
 * with the first page; deeper levels are separate chunks, fetched when first visited.
 */
const segmentRoute = () => import('./routes/segment-route.tsx');
const entityRoute = () => import('./routes/entity-route.tsx');
const eventsRoute = () => import('./routes/events-route.tsx');
const approvalsRoute = () => import('./routes/approvals-route.tsx');
const actionRoute = () => import('./routes/action-route.tsx');
const auditRoute = () => import('./routes/audit-route.tsx');
const trendsRoute = () => import('./routes/trends-route.tsx');
const policyRoute = () => import('./routes/policy-route.tsx');

export function createRouter(queryClient: QueryClient) {
  const loaders = createLoaders(queryClient);
  registerRouteChunk('segment', segmentRoute);
  registerRouteChunk('entity', entityRoute);
  registerRouteChunk('events', eventsRoute);
  return createBrowserRouter([
    { path: '/login', element: <LoginRoute />, errorElement: <RouteErrorFallback /> },
    {
      element: <AppLayout />,
      errorElement: <RouteErrorFallback />,
      // Shown for the moment a deep link's lazy route chunk is still loading.
      hydrateFallbackElement: <p className="loading">Loading Watchfloor…</p>,
      children: [
        {
          index: true,
          element: <OverviewRoute />,
          loader: loaders.overview,
          handle: HANDLES.overview,
        },
        {
          path: 'segments/:segmentId',
          loader: loaders.segment,
          lazy: () => segmentRoute().then((m) => ({ Component: m.SegmentRoute })),
          handle: HANDLES.segment,
        },
        {
          path: 'segments/:segmentId/entities/:entityId',
          loader: loaders.entity,
          lazy: () => entityRoute().then((m) => ({ Component: m.EntityRoute })),
          handle: HANDLES.entity,
        },
        {
          path: 'segments/:segmentId/entities/:entityId/events',
          loader: loaders.events,
          lazy: () => eventsRoute().then((m) => ({ Component: m.EventsRoute })),
          handle: HANDLES.events,
        },
        {
          path: 'approvals',
          lazy: () => approvalsRoute().then((m) => ({ Component: m.ApprovalsRoute })),
        },
        {
          path: 'actions/:actionId',
          lazy: () => actionRoute().then((m) => ({ Component: m.ActionRoute })),
        },
        { path: 'audit', lazy: () => auditRoute().then((m) => ({ Component: m.AuditRoute })) },
        { path: 'policy', lazy: () => policyRoute().then((m) => ({ Component: m.PolicyRoute })) },
        {
          path: 'trends',
          loader: loaders.trends,
          lazy: () => trendsRoute().then((m) => ({ Component: m.TrendsRoute })),
          handle: HANDLES.trends,
        },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createRouter>;
