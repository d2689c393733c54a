import type {
  AcknowledgeRequest,
  Acknowledgement,
  AcknowledgementScope,
} from '@watchfloor/shared/acknowledgements';
import type { Me } from '@watchfloor/shared/auth';
import { HEALTH_LABELS } from '@watchfloor/shared/overview';
import { databaseNow } from '../../db/db-clock.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { conflict, notFound } from '../../http/app-error.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findEntity, findSegment } from '../fleet/fleet.repository.ts';
import {
  findAcknowledgement,
  listActiveAcknowledgements,
  upsertAcknowledgement,
  type AcknowledgementRecord,
} from './acknowledgements.repository.ts';
import { judgeLiveHealth, type LiveHealth, type LiveVerdict } from '../drilldown/live-health.ts';

export interface AcknowledgementsDeps {
  pool: Pool;
}

/** The audit subject of a scope: `segment:<slug>` or `entity:<slug>`. */
export const auditSubject = (scope: { kind: string; slug: string }) =>
  `${scope.kind}:${scope.slug}`;

/** A registered scope: its id in its own table, 404 naming it when there is none. */
async function requireScope(pool: Pool, scope: AcknowledgementScope): Promise<number> {
  const found =
    scope.kind === 'segment'
      ? await findSegment(pool, scope.slug)
      : await findEntity(pool, scope.slug);
  if (!found)
    throw notFound(
      `${scope.kind === 'segment' ? 'Segment' : 'Entity'} "${scope.slug}" does not exist`,
    );
  return found.id;
}

/** The live verdict of one acknowledgement's scope; undefined when it was not judged. */
export function verdictFor(
  live: LiveHealth,
  kind: AcknowledgementScope['kind'],
  scopeId: number,
): LiveVerdict | undefined {
  return (kind === 'segment' ? live.segments : live.entities).get(scopeId);
}

/** Live verdicts of every scope the acknowledgements name. */
export function judgeScopesOf(
  pool: Pool,
  acks: readonly AcknowledgementRecord[],
  now: number,
): Promise<LiveHealth> {
  return judgeLiveHealth(
    pool,
    {
      segmentIds: acks.filter((a) => a.scope.kind === 'segment').map((a) => a.scopeId),
      entityIds: acks.filter((a) => a.scope.kind === 'entity').map((a) => a.scopeId),
    },
    now,
  );
}

const toAcknowledgement = ({ scopeId: _scopeId, ...ack }: AcknowledgementRecord): Acknowledgement =>
  ack;

/**
 * Acknowledges the scope's current incident for `user`: 404 for an unknown scope, 409 when its live
 * health is OK (nothing to acknowledge). A second acknowledgement by the same user rewrites the
 * comment of the first. The row and its audit record are written in one transaction, at database time.
 */
export async function acknowledge(
  deps: AcknowledgementsDeps,
  user: Me,
  request: AcknowledgeRequest,
): Promise<Acknowledgement> {
  const { scope, comment } = request;
  const scopeId = await requireScope(deps.pool, scope);
  const now = await databaseNow(deps.pool);
  const live = await judgeLiveHealth(
    deps.pool,
    scope.kind === 'segment'
      ? { segmentIds: [scopeId], entityIds: [] }
      : { segmentIds: [], entityIds: [scopeId] },
    now,
  );
  const verdict = verdictFor(live, scope.kind, scopeId);
  if (!verdict || verdict.status === 'ok')
    throw conflict(`Nothing to acknowledge: ${scope.slug} is ${HEALTH_LABELS.ok}`);
  return withTransaction(deps.pool, async (conn) => {
    const { id, replaced } = await upsertAcknowledgement(conn, {
      kind: scope.kind,
      scopeId,
      username: user.username,
      displayName: user.displayName,
      comment,
      status: verdict.status,
      at: now,
    });
    await appendAudit(conn, {
      actor: user.username,
      event: 'incident.acknowledged',
      subject: auditSubject(scope),
      payload: { comment, status: verdict.status, reason: verdict.reason, replaced },
    });
    const written = await findAcknowledgement(conn, id);
    // The scope was found above and registry rows are never deleted; this guards the type only.
    if (!written) throw notFound(`Acknowledgement ${id} does not exist`);
    return toAcknowledgement(written);
  });
}

/**
 * The active acknowledgements whose scope is not OK right now. The sweep clears the others, but a
 * scope that recovered since the last sweep must not show an acknowledgement in the meantime.
 */
export async function listActive(deps: AcknowledgementsDeps): Promise<Acknowledgement[]> {
  const acks = await listActiveAcknowledgements(deps.pool);
  if (acks.length === 0) return [];
  const live = await judgeScopesOf(deps.pool, acks, await databaseNow(deps.pool));
  return acks
    .filter((ack) => {
      const verdict = verdictFor(live, ack.scope.kind, ack.scopeId);
      return verdict !== undefined && verdict.status !== 'ok';
    })
    .map(toAcknowledgement);
}
