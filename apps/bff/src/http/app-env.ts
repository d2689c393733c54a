import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Me } from '@watchfloor/shared/auth';
import type { Logger } from '../logger.ts';

/** Per-request values middleware puts on the Hono context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    clientAddress: string;
    /** Set by the authorisation middleware on session routes. */
    user?: Me;
    /** Set by the authorisation middleware on ingest routes. */
    ingestTokenId?: number;
    /**
     * Set on routes of a protocol with its own error body (OTLP/HTTP's google.rpc.Status): every
     * failure there, refusals by shared middleware included, is rendered by it instead of the
     * API's error envelope.
     */
    errorBody?: ErrorBodyRenderer;
  };
}

export type ErrorBodyRenderer = (
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  message: string,
) => Response;
