import { createHash } from 'node:crypto';
import type { EventsPage, EventsQuery } from '@watchfloor/shared/events';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { Pool } from '../../db/pool.ts';
import { notFound, validationFailed } from '../../http/app-error.ts';
import { findEntity, findSegmentWithEntities } from '../fleet/fleet.repository.ts';
import type { CursorCodec } from './cursor.ts';
import { listEvents } from './events.repository.ts';
import type { QualityScope } from '../quality/quality.service.ts';

export interface EventsDeps {
  pool: Pool;
  cursors: CursorCodec;
}

/** One page of raw events and the scope they belong to (for the page's quality). */
export async function getEventsPage(
  deps: EventsDeps,
  query: EventsQuery,
  window: TimeWindow,
): Promise<{ page: EventsPage; qualityScope: QualityScope }> {
  let scope: { column: 'entity_id' | 'segment_id'; id: number };
  let qualityScope: QualityScope;
  if (query.entityId) {
    const entity = await findEntity(deps.pool, query.entityId);
    if (!entity) throw notFound(`Entity "${query.entityId}" does not exist`);
    scope = { column: 'entity_id', id: entity.id };
    qualityScope = { kind: 'entity', id: entity.id, slug: entity.slug, state: entity.state };
  } else {
    const found = await findSegmentWithEntities(deps.pool, query.segmentId!);
    if (!found) throw notFound(`Segment "${query.segmentId}" does not exist`);
    scope = { column: 'segment_id', id: found.segment.id };
    qualityScope = {
      kind: 'segment',
      id: found.segment.id,
      slug: found.segment.slug,
      entities: found.entities,
    };
  }
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
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows[pageRows.length - 1];
  const events = pageRows.map(({ rowId: _rowId, ...event }) => event);
  return {
    page: {
      events,
      ...(rows.length > query.limit && last
        ? { nextCursor: deps.cursors.encode({ ts: last.ts, id: last.rowId }, fingerprint) }
        : {}),
    },
    qualityScope,
  };
}
