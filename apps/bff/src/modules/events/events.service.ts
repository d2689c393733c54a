import { createHash } from 'node:crypto';
import type { EventsPage, EventsQuery } from '@watchfloor/shared/events';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import { keysetPage } from '../../db/keyset-page.ts';
import type { Pool } from '../../db/pool.ts';
import type { ReadAnswer } from '../../http/answer-cache.ts';
import { validationFailed } from '../../http/app-error.ts';
import { findNamedScope, type NamedScope } from '../quality/named-scope.ts';
import { assessQuality, toQuality, type QualityDeps } from '../quality/quality.service.ts';
import type { CursorCodec } from './cursor.ts';
import { listEvents } from './events.repository.ts';

export interface EventsDeps {
  pool: Pool;
  cursors: CursorCodec;
  /** Trace viewer link template with `{traceId}`; absent: no links. */
  traceUrl?: string;
}

/** The trace's page in the team's trace viewer, when both the template and the id are known. */
export const traceLink = (template: string | undefined, traceId: string | null): string | null =>
  template && traceId ? template.replaceAll('{traceId}', traceId) : null;

/** One page of raw events and the scope they belong to (for the page's quality). */
export async function getEventsPage(
  deps: EventsDeps,
  query: EventsQuery,
  window: TimeWindow,
): Promise<{ page: EventsPage; qualityScope: NamedScope }> {
  // The query schema requires exactly one of entityId and segmentId: a scope is always named.
  const qualityScope = (await findNamedScope(deps.pool, {
    entity: query.entityId,
    segment: query.segmentId,
  }))!;
  const scope = {
    column: qualityScope.kind === 'entity' ? ('entity_id' as const) : ('segment_id' as const),
    id: qualityScope.id,
  };
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        query.entityId,
        query.segmentId,
        query.status,
        query.kind,
        query.errorClass,
        window.from,
        window.to,
      ]),
    )
    .digest('base64url')
    .slice(0, 16);
  const after = query.cursor ? deps.cursors.decode(query.cursor, fingerprint) : undefined;
  if (after === null)
    throw validationFailed('Invalid cursor', [
      {
        field: 'cursor',
        message: 'is not a cursor of this query (tampered, or the filters changed)',
      },
    ]);
  const { rows } = await listEvents(deps.pool, {
    scope,
    ...window,
    status: query.status,
    kind: query.kind,
    errorClass: query.errorClass,
    after,
    limit: query.limit + 1,
  });
  const page = keysetPage(rows, query.limit, (last) =>
    deps.cursors.encode({ ts: last.ts, id: last.rowId }, fingerprint),
  );
  return {
    page: {
      events: page.rows.map(({ rowId: _rowId, ...event }) => ({
        ...event,
        traceUrl: traceLink(deps.traceUrl, event.traceId),
      })),
      ...page.next,
    },
    qualityScope,
  };
}

/** The raw-events answer: one page and the quality of the scope it belongs to. */
export async function getEventsAnswer(
  deps: EventsDeps & QualityDeps,
  query: EventsQuery,
  window: TimeWindow,
): Promise<ReadAnswer> {
  const { page, qualityScope } = await getEventsPage(deps, query, window);
  const quality = await assessQuality(deps, { window, scope: qualityScope });
  return { data: page, quality: toQuality(quality), resolution: null };
}
