import { Hono } from 'hono';
import { AuditQuerySchema } from '@watchfloor/shared/actions/audit';
import type { Pool } from '../../db/pool.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { unavailable } from '../../http/app-error.ts';
import { envelope } from '../../http/envelope.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { auditAnchoringOf } from './audit-anchoring.ts';
import { verifyAuditChain } from './audit-verify.ts';
import { listAudit } from './audit.service.ts';
import { transactionalQuality } from '../quality/transactional-quality.ts';

export interface AuditRoutesDeps {
  pool: Pool;
  /** Verifies checkpoint signatures; the database never holds it. */
  auditKey: string;
}

/**
 * `GET /api/v1/audit` (filters, keyset pages) and `GET /api/v1/audit/verify` (the chain check,
 * against the external anchors when the chain is anchored; `anchors` is an additive field).
 */
export function auditRoutes(deps: AuditRoutesDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseQuery(c, AuditQuerySchema);
      return c.json(envelope(c, await listAudit(deps.pool, query), transactionalQuality()));
    })
    .get('/verify', async (c) => {
      const anchoring = auditAnchoringOf(deps.pool);
      const result = await verifyAuditChain(deps.pool, deps.auditKey, {
        anchorDir: anchoring?.dir,
        publicKey: anchoring?.signer.fingerprint,
      }).catch((error: unknown) => {
        // An unreadable anchor directory is a dependency fault, not a verdict on the chain.
        if (typeof (error as NodeJS.ErrnoException).syscall === 'string')
          throw unavailable('The audit anchor directory cannot be read');
        throw error;
      });
      return c.json(envelope(c, result, transactionalQuality()));
    });
}
