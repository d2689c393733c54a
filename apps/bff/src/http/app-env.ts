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
  };
}
