import { Hono, type Context } from 'hono';
import {
  ActionListQuerySchema,
  ApproveRequestSchema,
  CancelRequestSchema,
  ProposeActionRequestSchema,
  RejectRequestSchema,
  RollbackRequestSchema,
} from '@watchfloor/shared/actions/api';
import type { Quality } from '@watchfloor/shared/quality';
import type { AppEnv } from '../../http/app-env.ts';
import { notFound, unauthenticated } from '../../http/app-error.ts';
import { envelope } from '../../http/envelope.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { parseJsonBody, readJsonBody } from '../../http/read-json-body.ts';
import { requireValid } from '../../http/require-valid.ts';
import type { ActionsDeps } from './actions-deps.ts';
import { getActionInbox } from './actions-inbox.service.ts';
import { getActionDetail, listActions } from './actions-read.service.ts';
import { approveAction, cancelAction, rejectAction } from './workflow/decisions.service.ts';
import { requireIdempotencyKey } from './workflow/idempotency.ts';
import { proposeOnce } from './workflow/propose-once.service.ts';
import { dryRunProposal } from './workflow/proposal.service.ts';
import { rollbackAction } from './workflow/rollback.service.ts';
import {
  DEFAULT_ACTION_RATE_LIMITS,
  requireActionBudget,
  type ActionRateLimits,
} from './rate-limit/action-rate-limit.ts';

function requireUser(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  return user;
}

function actionId(c: Context<AppEnv>): number {
  const raw = c.req.param('actionId') ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw notFound(`Action ${raw.slice(0, 32)} does not exist`);
  return Number(raw);
}

const render = <T>(c: Context<AppEnv>, answer: { data: T; quality: Quality }) =>
  envelope(c, answer.data, answer.quality);

/**
 * The approval workflow: propose (idempotent), list, read, approve, reject, cancel, roll back, and
 * the signed-in user's inbox (declared before `/:actionId`, so "inbox" is never read as an id).
 * Proposals and decisions count against per-user budgets (429 + Retry-After) before anything else.
 */
export function actionsRoutes(
  deps: ActionsDeps,
  limits: ActionRateLimits = DEFAULT_ACTION_RATE_LIMITS,
) {
  /** The signed-in user, once the request fits the user's budget of this kind. */
  const budgeted = async (c: Context<AppEnv>, kind: 'proposals' | 'decisions') => {
    const user = requireUser(c);
    await requireActionBudget(deps, limits, user, kind);
    return user;
  };
  return new Hono<AppEnv>()
    .get('/', async (c) =>
      c.json(render(c, await listActions(deps, parseQuery(c, ActionListQuerySchema)))),
    )
    .get('/inbox', async (c) => c.json(render(c, await getActionInbox(deps, requireUser(c)))))
    .post('/', async (c) => {
      const user = await budgeted(c, 'proposals');
      // Read once and kept as sent: the raw body is the request's idempotency fingerprint.
      const raw = await readJsonBody(c);
      const body = requireValid(ProposeActionRequestSchema, raw, 'Invalid action proposal');
      if (body.dryRun) return c.json(render(c, await dryRunProposal(deps, user, body)));
      const key = requireIdempotencyKey(c.req.header('idempotency-key'));
      const answer = await proposeOnce(
        deps,
        { user, body, raw, key, requestId: c.get('requestId') },
        (proposed) => render(c, proposed),
      );
      if (answer.replayed) c.header('Idempotent-Replayed', 'true');
      return c.body(answer.body, answer.status as 201, { 'content-type': 'application/json' });
    })
    .get('/:actionId', async (c) =>
      c.json(render(c, await getActionDetail(deps, requireUser(c), actionId(c)))),
    )
    .post('/:actionId/approve', async (c) => {
      const user = await budgeted(c, 'decisions');
      const { comment } = await parseJsonBody(c, ApproveRequestSchema, 'Invalid approval');
      return c.json(render(c, await approveAction(deps, user, actionId(c), comment ?? null)));
    })
    .post('/:actionId/reject', async (c) => {
      const user = await budgeted(c, 'decisions');
      const { comment } = await parseJsonBody(c, RejectRequestSchema, 'Invalid rejection');
      return c.json(render(c, await rejectAction(deps, user, actionId(c), comment)));
    })
    .post('/:actionId/cancel', async (c) => {
      const user = await budgeted(c, 'decisions');
      const { comment } = await parseJsonBody(c, CancelRequestSchema, 'Invalid cancellation');
      return c.json(render(c, await cancelAction(deps, user, actionId(c), comment ?? null)));
    })
    .post('/:actionId/rollback', async (c) => {
      const user = await budgeted(c, 'decisions');
      const { comment } = await parseJsonBody(c, RollbackRequestSchema, 'Invalid rollback');
      return c.json(render(c, await rollbackAction(deps, user, actionId(c), comment ?? null)));
    });
}
