import type { Queryable } from '../../db/pool.ts';
import { notFound } from '../../http/app-error.ts';
import { findEntity, findSegmentWithEntities } from '../fleet/fleet.repository.ts';
import type { QualityScope } from './quality.service.ts';

/** A scope a request names by slug: one entity, or one segment with its entities. */
export type NamedScope = Exclude<QualityScope, { kind: 'fleet' }>;

/**
 * The scope named by an entity or a segment slug (the entity when both are given); null when
 * neither is. An unknown slug is a 404, like any unknown id.
 */
export async function findNamedScope(
  conn: Queryable,
  names: { entity?: string; segment?: string },
): Promise<NamedScope | null> {
  if (names.entity !== undefined) {
    const entity = await findEntity(conn, names.entity);
    if (!entity) throw notFound(`Entity "${names.entity}" does not exist`);
    return { kind: 'entity', id: entity.id, slug: entity.slug, state: entity.state };
  }
  if (names.segment !== undefined) {
    const found = await findSegmentWithEntities(conn, names.segment);
    if (!found) throw notFound(`Segment "${names.segment}" does not exist`);
    return {
      kind: 'segment',
      id: found.segment.id,
      slug: found.segment.slug,
      entities: found.entities,
    };
  }
  return null;
}
