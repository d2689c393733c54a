import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import { isDatabaseUnavailable } from '../../http/database-fault.ts';
import type { IngestRouteDeps } from '../ingest/ingest.routes.ts';
import { BodyRefused, readOtlpBody, requestEncoding } from './otlp-body.ts';
import { decodeTraceRequestJson } from './otlp-json.ts';
import { decodeTraceRequest, type OtlpTraceRequest } from './otlp-messages.ts';
import { CONTENT_TYPES, encodeExportResponse } from './otlp-response.ts';
import { otlpStatusResponse } from './otlp-error-body.ts';
import { exportTraces } from './otlp.service.ts';
import { InFlightLimit } from './in-flight-limit.ts';

export type OtlpRouteDeps = IngestRouteDeps;

/** OTLP requests handled at once; a Collector's otlphttp exporter sends with 10 by default. */
export const OTLP_MAX_IN_FLIGHT = 16;
const RETRY_AFTER_BUSY_S = 1;
const RETRY_AFTER_DATABASE_S = 5;

/**
 * OTLP/HTTP receiver, mounted at /v1 (the OTLP default paths); the ingest token is checked by the
 * authorisation middleware. Every answer is in the request's encoding, as OTLP/HTTP requires:
 * ExportTraceServiceResponse on 200, google.rpc.Status on 4xx and 5xx.
 */
export function otlpRoutes(deps: OtlpRouteDeps) {
  const gate = new InFlightLimit(OTLP_MAX_IN_FLIGHT);
  return new Hono<AppEnv>().post('/traces', async (c) => {
    if (!gate.tryEnter())
      return otlpStatusResponse(c, 429, 'Too many OTLP requests', {
        'Retry-After': String(RETRY_AFTER_BUSY_S),
      });
    try {
      const encoding = requestEncoding(c.req.header('content-type'));
      const body = await readOtlpBody(c.req.raw);
      let request: OtlpTraceRequest;
      try {
        request = encoding === 'protobuf' ? decodeTraceRequest(body) : decodeTraceRequestJson(body);
      } catch (error) {
        throw new BodyRefused(
          400,
          `The body is not an ExportTraceServiceRequest: ${(error as Error).message}`,
        );
      }
      const outcome = await exportTraces(deps, request);
      deps.metrics.ingestEvents.inc({ outcome: 'accepted' }, outcome.accepted);
      deps.metrics.ingestEvents.inc({ outcome: 'duplicate' }, outcome.duplicates);
      deps.metrics.ingestEvents.inc({ outcome: 'rejected' }, outcome.partial?.rejectedSpans ?? 0);
      return c.body(encodeExportResponse(encoding, outcome.partial), 200, {
        'Content-Type': CONTENT_TYPES[encoding],
      });
    } catch (error) {
      if (error instanceof BodyRefused) return otlpStatusResponse(c, error.status, error.message);
      if (isDatabaseUnavailable(error)) {
        c.get('logger')?.warn(
          { err: { message: (error as Error).message } },
          'OTLP: database unavailable',
        );
        return otlpStatusResponse(c, 503, 'The database is unavailable; try again shortly', {
          'Retry-After': String(RETRY_AFTER_DATABASE_S),
        });
      }
      throw error;
    } finally {
      gate.leave();
    }
  });
}
