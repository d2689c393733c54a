import { Hono } from 'hono';
import { AuditQuerySchema } from '@watchfloor/shared/actions/audit';
import type { Pool } from '../../db/pool.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { envelope } from '../../http/envelope.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { verifyAuditChain } from './audit-verify.ts';
import { listAudit } from './audit.service.ts';
import { transactionalQuality } from '../quality/transactional-quality.ts';

export interface AuditRoutesDeps {
  pool: Pool;
  /** Verifies checkpoint signatures; the database never holds it. */
  auditKey: string;
}

/** `GET /api/v1/audit` (filters, keyset pages) and `GET /api/v1/audit/verify` (the chain check). */
export function auditRoutes(deps: AuditRoutesDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseQuery(c, AuditQuerySchema);
      return c.json(envelope(c, await listAudit(deps.pool, query), transactionalQuality()));
    })
    .get('/verify', async (c) =>
      c.json(envelope(c, await verifyAuditChain(deps.pool, deps.auditKey), transactionalQuality())),
    );
}
