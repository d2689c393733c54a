import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from './app-env.ts';

/**
 * Serves the built SPA from the same origin as the API. Hashed assets are cached for a year;
 * any other non-API GET returns index.html so deep links into the drill-down reload correctly.
 */
export function mountSpa(app: Hono<AppEnv>, distDir: string): void {
  if (!existsSync(path.join(distDir, 'index.html'))) return;
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root: distDir, precompressed: true }));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    c.header('Cache-Control', 'no-cache');
    return serveStatic({ root: distDir, path: 'index.html' })(c, next);
  });
}
