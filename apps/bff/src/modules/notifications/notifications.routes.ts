import { Hono } from 'hono';
import { NotificationListQuerySchema } from '@watchfloor/shared/notifications';
import type { Pool } from '../../db/pool.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { envelope } from '../../http/envelope.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { transactionalQuality } from '../quality/transactional-quality.ts';
import { listNotifications } from './notification-outbox.repository.ts';

/** `GET /api/v1/notifications?state=pending|failed|delivered|unconfigured` (admins): the outbox, newest first. */
export function notificationsRoutes(deps: { pool: Pool }) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const query = parseQuery(c, NotificationListQuerySchema);
    const notifications = await listNotifications(deps.pool, query.state, query.limit);
    return c.json(envelope(c, { notifications }, transactionalQuality()));
  });
}
