import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AlertmanagerWebhookSchema } from '@watchfloor/shared/telemetry/alertmanager';
import type { Pool } from '../../db/pool.ts';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { parseJsonBody } from '../../http/read-json-body.ts';
import type { AlertingConfig } from './alerting-config.ts';
import { receiveAlerts } from './alert-webhook.service.ts';

/** A notification carries at most a group's alerts; Alertmanager's own webhook cap is far below. */
export const ALERTMANAGER_MAX_BYTES = 1024 * 1024;

export interface AlertmanagerRouteDeps {
  pool: Pool;
  alerting: AlertingConfig;
}

/**
 * Alertmanager webhook receiver (payload version 4), mounted under /api/v1/ingest. The ingest
 * token is checked by the authorisation middleware (Alertmanager's `http_config.authorization`).
 */
export function alertmanagerRoutes(deps: AlertmanagerRouteDeps) {
  return new Hono<AppEnv>().post(
    '/alertmanager',
    bodyLimit({
      maxSize: ALERTMANAGER_MAX_BYTES,
      onError: () => {
        throw new AppError(
          413,
          'payload_too_large',
          `Request body exceeds ${ALERTMANAGER_MAX_BYTES} bytes`,
        );
      },
    }),
    async (c) => {
      const webhook = await parseJsonBody(
        c,
        AlertmanagerWebhookSchema,
        'The request body is not an Alertmanager webhook (version 4)',
      );
      const result = await receiveAlerts(deps, webhook);
      if (webhook.truncatedAlerts > 0 || result.rejected.length > 0) {
        // Alerts dropped by the receiver's max_alerts, or rejected here: the rest are stored, the
        // gap is logged so a missing band can be explained.
        c.get('logger').warn(
          {
            groupKey: webhook.groupKey,
            truncatedAlerts: webhook.truncatedAlerts,
            rejected: result.rejected.slice(0, 3),
          },
          'alertmanager notification incomplete',
        );
      }
      return c.json({ data: result });
    },
  );
}
