import { Hono } from 'hono';
import type { Pool } from '../../db/pool.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { AlertingConfig } from './alerting-config.ts';

export interface AlertmanagerRouteDeps {
  pool: Pool;
  alerting: AlertingConfig;
}

/** Alertmanager webhook receiver (payload version 4), mounted under /api/v1/ingest. */
export function alertmanagerRoutes(_deps: AlertmanagerRouteDeps) {
  return new Hono<AppEnv>().post('/alertmanager', (c) =>
    c.json({ error: { code: 'not_implemented', message: 'Alerts are not accepted yet' } }, 501),
  );
}
