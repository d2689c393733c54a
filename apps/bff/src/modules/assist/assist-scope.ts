import type { AssistScope } from '@watchfloor/shared/assist';
import type { Queryable } from '../../db/pool.ts';
import { notFound } from '../../http/app-error.ts';
import {
  findEntity,
  findSegmentWithEntities,
  listEntities,
  listSegments,
  type EntityRecord,
  type SegmentRecord,
} from '../fleet/fleet.repository.ts';

/**
 * The asked scope resolved to registered ids: the segments it touches (their past incidents are
 * searched) and the entities it holds or, for an entity, the peers it is compared with.
 */
export type ResolvedScope =
  | { kind: 'fleet'; segments: SegmentRecord[]; entities: EntityRecord[] }
  | { kind: 'segment'; segment: SegmentRecord; segments: SegmentRecord[]; entities: EntityRecord[] }
  | {
      kind: 'entity';
      entity: EntityRecord;
      segment: SegmentRecord;
      segments: SegmentRecord[];
      /** The entity's segment's entities, itself included. */
      entities: EntityRecord[];
    };

/** Resolves the scope; an unknown segment or entity is a 404. */
export async function resolveScope(conn: Queryable, scope: AssistScope): Promise<ResolvedScope> {
  if (scope.kind === 'fleet') {
    const [segments, entities] = await Promise.all([listSegments(conn), listEntities(conn)]);
    return { kind: 'fleet', segments, entities };
  }
  const slug = scope.id ?? '';
  if (scope.kind === 'segment') {
    const found = await findSegmentWithEntities(conn, slug);
    if (!found) throw notFound(`Segment "${slug}" does not exist`);
    return {
      kind: 'segment',
      segment: found.segment,
      segments: [found.segment],
      entities: found.entities,
    };
  }
  const entity = await findEntity(conn, slug);
  if (!entity) throw notFound(`Entity "${slug}" does not exist`);
  const segments = await listSegments(conn);
  const segment = segments.find((s) => s.id === entity.segmentId);
  if (!segment) throw notFound(`Entity "${slug}" has no segment`);
  const found = await findSegmentWithEntities(conn, segment.slug);
  return {
    kind: 'entity',
    entity,
    segment,
    segments: [segment],
    entities: found?.entities ?? [entity],
  };
}

/** Segment slug of every entity the scope knows, for links into the entity pages. */
export function segmentSlugOfEntities(resolved: ResolvedScope): Map<string, string> {
  const slugOf = new Map(resolved.segments.map((s) => [s.id, s.slug]));
  return new Map(
    resolved.entities.flatMap((e) => {
      const segment = slugOf.get(e.segmentId);
      return segment ? [[e.slug, segment] as const] : [];
    }),
  );
}
