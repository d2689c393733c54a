import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { INGEST_MAX_BYTES, IngestEnvelopeSchema } from '@watchfloor/shared/ingest';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { parseJsonBody } from '../../http/read-json-body.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { ingestEvents, type IngestDeps } from './ingest.service.ts';

/** The bearer token is checked by the authorisation middleware (route table: ingest token). */
export interface IngestRouteDeps extends IngestDeps {
  metrics: Metrics;
}

export function ingestRoutes(deps: IngestRouteDeps) {
  return new Hono<AppEnv>().post(
    '/events',
    bodyLimit({
      maxSize: INGEST_MAX_BYTES,
      onError: () => {
        throw new AppError(
          413,
          'payload_too_large',
          `Request body exceeds ${INGEST_MAX_BYTES} bytes`,
        );
      },
    }),
    async (c) => {
      const batch = await parseJsonBody(
        c,
        IngestEnvelopeSchema,
        'The request body is not a valid ingest batch',
      );
      const result = await ingestEvents(deps, batch.events);
      deps.metrics.ingestEvents.inc({ outcome: 'accepted' }, result.accepted);
      deps.metrics.ingestEvents.inc({ outcome: 'duplicate' }, result.duplicates);
      deps.metrics.ingestEvents.inc({ outcome: 'rejected' }, result.rejected.length);
      return c.json({ data: result });
    },
  );
}
