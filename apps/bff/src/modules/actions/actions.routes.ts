import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import {
  ActionListQuerySchema,
  ApproveRequestSchema,
  CancelRequestSchema,
  ProposeActionRequestSchema,
  RejectRequestSchema,
  RollbackRequestSchema,
} from '@watchfloor/shared/actions/api';
import { fieldIssues } from '@watchfloor/shared/errors';
import type { AppEnv } from '../../http/app-env.ts';
import { notFound, unauthenticated, validationFailed } from '../../http/app-error.ts';
import { envelope } from '../../http/envelope.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { readJsonBody } from '../../http/read-json-body.ts';
import { transactionalQuality } from '../audit/transactional-quality.ts';
import type { ActionsDeps } from './actions-deps.ts';
import { findActionIdByIdempotencyKey } from './actions.repository.ts';
import { getActionDetail, listActions } from './actions-read.service.ts';
import { approveAction, cancelAction, rejectAction } from './decisions.service.ts';
import { requestFingerprint, requireIdempotencyKey, withIdempotency } from './idempotency.ts';
import { dryRunProposal, proposeAction, recoverProposal } from './proposal.service.ts';
import { rollbackAction } from './rollback.service.ts';

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

function parseBody<T extends z.ZodType>(raw: unknown, schema: T, what: string): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationFailed(`Invalid ${what}`, fieldIssues(parsed.error.issues));
  return parsed.data;
}

/** The approval workflow: propose (idempotent), list, read, approve, reject, cancel, roll back. */
export function actionsRoutes(deps: ActionsDeps) {
  const staleMs = deps.idempotencyStaleMs ?? 60_000;
  return new Hono<AppEnv>()
    .get('/', async (c) =>
      c.json(
        envelope(
          c,
          await listActions(deps, parseQuery(c, ActionListQuerySchema)),
          transactionalQuality(),
        ),
      ),
    )
    .post('/', async (c) => {
      const user = requireUser(c);
      const raw = await readJsonBody(c);
      const body = parseBody(raw, ProposeActionRequestSchema, 'action proposal');
      if (body.dryRun) {
        const { data, quality } = await dryRunProposal(deps, user, body);
        return c.json(envelope(c, data, quality));
      }
      const key = requireIdempotencyKey(c.req.header('idempotency-key'));
      const answer = await withIdempotency(
        deps.pool,
        {
          scope: user.username,
          key,
          fingerprint: requestFingerprint('POST', '/api/v1/actions', raw),
          requestId: c.get('requestId'),
          staleMs,
        },
        async (keyId) => {
          const existing = await findActionIdByIdempotencyKey(deps.pool, keyId);
          const { data, quality } =
            existing === null
              ? await proposeAction(deps, user, body, keyId)
              : await recoverProposal(deps, existing);
          return { status: 201, body: envelope(c, data, quality) };
        },
        async (keyId) => (await findActionIdByIdempotencyKey(deps.pool, keyId)) !== null,
      );
      if (answer.replayed) c.header('Idempotent-Replayed', 'true');
      return c.body(answer.body, answer.status as 201, { 'content-type': 'application/json' });
    })
    .get('/:actionId', async (c) => {
      const { detail, quality } = await getActionDetail(deps, requireUser(c), actionId(c));
      return c.json(envelope(c, detail, quality));
    })
    .post('/:actionId/approve', async (c) => {
      const { comment } = parseBody(await readJsonBody(c), ApproveRequestSchema, 'approval');
      return c.json(
        envelope(
          c,
          await approveAction(deps, requireUser(c), actionId(c), comment ?? null),
          transactionalQuality(),
        ),
      );
    })
    .post('/:actionId/reject', async (c) => {
      const { comment } = parseBody(await readJsonBody(c), RejectRequestSchema, 'rejection');
      return c.json(
        envelope(
          c,
          await rejectAction(deps, requireUser(c), actionId(c), comment),
          transactionalQuality(),
        ),
      );
    })
    .post('/:actionId/cancel', async (c) => {
      const { comment } = parseBody(await readJsonBody(c), CancelRequestSchema, 'cancellation');
      return c.json(
        envelope(
          c,
          await cancelAction(deps, requireUser(c), actionId(c), comment ?? null),
          transactionalQuality(),
        ),
      );
    })
    .post('/:actionId/rollback', async (c) => {
      const { comment } = parseBody(await readJsonBody(c), RollbackRequestSchema, 'rollback');
      return c.json(
        envelope(
          c,
          await rollbackAction(deps, requireUser(c), actionId(c), comment ?? null),
          transactionalQuality(),
        ),
      );
    });
}
