import { Hono, type Context } from 'hono';
import {
  ApprovePolicyChangeRequestSchema,
  CancelPolicyChangeRequestSchema,
  ProposePolicyChangeRequestSchema,
  RejectPolicyChangeRequestSchema,
} from '@watchfloor/shared/actions/policy-changes';
import type { AppEnv } from '../../http/app-env.ts';
import { notFound, unauthenticated } from '../../http/app-error.ts';
import { envelope } from '../../http/envelope.ts';
import { parseJsonBody, readJsonBody } from '../../http/read-json-body.ts';
import { requireValid } from '../../http/require-valid.ts';
import type { ActionsDeps } from '../actions/actions-deps.ts';
import { transactionalQuality } from '../quality/transactional-quality.ts';
import {
  approvePolicyChange,
  cancelPolicyChange,
  rejectPolicyChange,
} from './policy-change-decisions.service.ts';
import { proposePolicyChangeOnce } from './propose-policy-change-once.ts';
import { getActivePolicy, getPolicyChange, listPolicyChanges } from './policy-changes.service.ts';

function requireUser(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  return user;
}

function changeId(c: Context<AppEnv>): number {
  const raw = c.req.param('changeId') ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw notFound(`Policy change ${raw.slice(0, 32)} does not exist`);
  return Number(raw);
}

const answer = <T>(c: Context<AppEnv>, data: T) => envelope(c, data, transactionalQuality());

/**
 * `/api/v1/policy`: the active action policy, and changes to it, which go through approval
 * themselves (two admins other than the proposer, by version hash).
 */
export function policyChangesRoutes(deps: ActionsDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(answer(c, await getActivePolicy(deps.pool))))
    .get('/changes', async (c) =>
      c.json(answer(c, { changes: await listPolicyChanges(deps.pool) })),
    )
    .post('/changes', async (c) => {
      const user = requireUser(c);
      // Read once and kept as sent: the raw body is the idempotency fingerprint.
      const raw = await readJsonBody(c);
      const body = requireValid(ProposePolicyChangeRequestSchema, raw, 'Invalid policy change');
      const key = c.req.header('idempotency-key');
      const result = await proposePolicyChangeOnce(
        deps,
        { user, body, raw, key, requestId: c.get('requestId') },
        (change) => answer(c, change),
      );
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.body(result.body, result.status as 201, { 'content-type': 'application/json' });
    })
    .get('/changes/:changeId', async (c) =>
      c.json(answer(c, await getPolicyChange(deps.pool, changeId(c)))),
    )
    .post('/changes/:changeId/approve', async (c) => {
      const user = requireUser(c);
      const body = await parseJsonBody(c, ApprovePolicyChangeRequestSchema, 'Invalid approval');
      return c.json(answer(c, await approvePolicyChange(deps, user, changeId(c), body)));
    })
    .post('/changes/:changeId/reject', async (c) => {
      const user = requireUser(c);
      const { comment } = await parseJsonBody(
        c,
        RejectPolicyChangeRequestSchema,
        'Invalid rejection',
      );
      return c.json(answer(c, await rejectPolicyChange(deps, user, changeId(c), comment)));
    })
    .post('/changes/:changeId/cancel', async (c) => {
      const user = requireUser(c);
      const { comment } = await parseJsonBody(
        c,
        CancelPolicyChangeRequestSchema,
        'Invalid cancellation',
      );
      return c.json(answer(c, await cancelPolicyChange(deps, user, changeId(c), comment ?? null)));
    });
}
