import { Hono, type Context } from 'hono';
import { SetSegmentOwnerRequestSchema, SetUserTeamsRequestSchema } from '@watchfloor/shared/teams';
import type { Pool } from '../../db/pool.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { unauthenticated } from '../../http/app-error.ts';
import { envelope } from '../../http/envelope.ts';
import { parseJsonBody } from '../../http/read-json-body.ts';
import { transactionalQuality } from '../quality/transactional-quality.ts';
import { assignSegmentOwner, assignUserTeams } from './team-assignments.service.ts';

function actor(c: Context<AppEnv>): string {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  return user.username;
}

/** Admins give segments their owning team and users their teams; both are audited. */
export function teamsRoutes(deps: { pool: Pool }) {
  return new Hono<AppEnv>()
    .put('/segments/:segmentId/owner', async (c) => {
      const { team } = await parseJsonBody(c, SetSegmentOwnerRequestSchema, 'Invalid owner');
      const answer = await assignSegmentOwner(deps.pool, actor(c), c.req.param('segmentId'), team);
      return c.json(envelope(c, answer, transactionalQuality()));
    })
    .put('/users/:username/teams', async (c) => {
      const { teams } = await parseJsonBody(c, SetUserTeamsRequestSchema, 'Invalid teams');
      const answer = await assignUserTeams(deps.pool, actor(c), c.req.param('username'), teams);
      return c.json(envelope(c, answer, transactionalQuality()));
    });
}
