import { Hono } from 'hono';
import type { Pool } from '../../db/pool.ts';
import type { AppEnv } from '../../http/app-env.ts';

export interface ChangesRouteDeps {
  pool: Pool;
  retentionDays: number;
}

/** Change events (deploys, config, flags, infrastructure), mounted under /api/v1/ingest. */
export function changesRoutes(_deps: ChangesRouteDeps) {
  return new Hono<AppEnv>().post('/changes', (c) =>
    c.json({ error: { code: 'not_implemented', message: 'Changes are not accepted yet' } }, 501),
  );
}
