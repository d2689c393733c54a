import { Hono, type Context } from 'hono';
import {
  AcknowledgeRequestSchema,
  AcknowledgementListQuerySchema,
} from '@watchfloor/shared/acknowledgements';
import type { AppEnv } from '../../http/app-env.ts';
import { unauthenticated } from '../../http/app-error.ts';
import { envelope } from '../../http/envelope.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { readJsonBody } from '../../http/read-json-body.ts';
import { requireValid } from '../../http/require-valid.ts';
import { transactionalQuality } from '../quality/transactional-quality.ts';
import { acknowledge, listActive, type AcknowledgementsDeps } from './acknowledgements.service.ts';

function requireUser(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  return user;
}

/**
 * `GET /api/v1/acknowledgements?active=1`: acknowledgements of incidents still going on;
 * `POST /api/v1/acknowledgements`: acknowledge a segment's or entity's current incident.
 */
export function acknowledgementsRoutes(deps: AcknowledgementsDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      parseQuery(c, AcknowledgementListQuerySchema);
      const acknowledgements = await listActive(deps);
      return c.json(envelope(c, { acknowledgements }, transactionalQuality()));
    })
    .post('/', async (c) => {
      const user = requireUser(c);
      const body = requireValid(
        AcknowledgeRequestSchema,
        await readJsonBody(c),
        (issues) => `Invalid acknowledgement: ${issues.map((i) => i.field).join(', ')}`,
      );
      const acknowledgement = await acknowledge(deps, user, body);
      return c.json(envelope(c, acknowledgement, transactionalQuality()), 201);
    });
}
