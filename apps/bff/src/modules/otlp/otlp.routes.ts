import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import type { IngestRouteDeps } from '../ingest/ingest.routes.ts';

export type OtlpRouteDeps = IngestRouteDeps;

/** OTLP/HTTP receiver, mounted at /v1 (the OTLP default paths). */
export function otlpRoutes(_deps: OtlpRouteDeps) {
  return new Hono<AppEnv>().post('/traces', (c) =>
    c.json(
      { error: { code: 'not_implemented', message: 'OTLP traces are not accepted yet' } },
      501,
    ),
  );
}
