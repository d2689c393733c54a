import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ChangesEnvelopeSchema } from '@watchfloor/shared/telemetry/changes';
import type { Pool } from '../../db/pool.ts';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { parseJsonBody } from '../../http/read-json-body.ts';
import { ingestChanges } from './changes.service.ts';

/** Changes are few and small: a full batch of typical ones (title, link, a few attributes) fits. */
export const CHANGES_MAX_BYTES = 1024 * 1024;

export interface ChangesRouteDeps {
  pool: Pool;
  retentionDays: number;
}

/**
 * Change events (deploys, config, flags, infrastructure), mounted under /api/v1/ingest. The
 * bearer token is checked by the authorisation middleware (route table: ingest token).
 */
export function changesRoutes(deps: ChangesRouteDeps) {
  return new Hono<AppEnv>().post(
    '/changes',
    bodyLimit({
      maxSize: CHANGES_MAX_BYTES,
      onError: () => {
        throw new AppError(
          413,
          'payload_too_large',
          `Request body exceeds ${CHANGES_MAX_BYTES} bytes`,
        );
      },
    }),
    async (c) => {
      const batch = await parseJsonBody(
        c,
        ChangesEnvelopeSchema,
        'The request body is not a valid batch of changes',
      );
      return c.json({ data: await ingestChanges(deps, batch.changes) });
    },
  );
}
