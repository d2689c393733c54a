import type { Pool } from '../../db/pool.ts';
import {
  findEntityRefs,
  findSegmentIds,
  registerEntity,
  registerSegmentWithEntity,
  type EntityRef,
} from './registry.repository.ts';

export interface RegistryLimits {
  maxSegments: number;
  maxEntities: number;
}

export type EntityResolution =
  | { ok: true; ref: EntityRef }
  | {
      ok: false;
      code: 'cardinality_limit' | 'segment_conflict';
      field: 'segment' | 'entity';
      message: string;
    };

const ENTITY_KINDS = new Set(['service', 'worker', 'pipeline', 'host']);

const capReached = (
  field: 'segment' | 'entity',
  slug: string,
  limits: RegistryLimits,
  registered = false,
): EntityResolution => ({
  ok: false,
  code: 'cardinality_limit',
  field,
  message: registered
    ? `${field} "${slug}" could not be registered`
    : `${field} "${slug}" is new and the ${field} limit (${field === 'segment' ? limits.maxSegments : limits.maxEntities}) is reached`,
});

const conflict = (pair: { segment: string; entity: string }): EntityResolution => ({
  ok: false,
  code: 'segment_conflict',
  field: 'segment',
  message: `entity "${pair.entity}" belongs to another segment than "${pair.segment}"`,
});

/**
 * Slug → id lookups with an in-process cache. Entities never move between segments, so cached
 * entries stay valid; unknown slugs are registered on first sight under the cardinality caps.
 */
export class Registry {
  private readonly segments = new Map<string, number>();
  private readonly entities = new Map<string, EntityRef>();

  constructor(
    private readonly pool: Pool,
    private readonly limits: RegistryLimits,
  ) {}

  /** Resolves every (segment, entity) pair of a batch; the map is keyed by `segment/entity`. */
  async resolve(
    pairs: { segment: string; entity: string; entityKind?: string }[],
    now: number,
  ): Promise<Map<string, EntityResolution>> {
    await this.load(pairs);
    const results = new Map<string, EntityResolution>();
    for (const pair of pairs) {
      const key = `${pair.segment}/${pair.entity}`;
      if (!results.has(key)) results.set(key, await this.resolveOne(pair, now));
    }
    return results;
  }

  private async load(pairs: { segment: string; entity: string }[]): Promise<void> {
    const missingSegments = [...new Set(pairs.map((p) => p.segment))].filter(
      (slug) => !this.segments.has(slug),
    );
    const missingEntities = [...new Set(pairs.map((p) => p.entity))].filter(
      (slug) => !this.entities.has(slug),
    );
    for (const [slug, id] of await findSegmentIds(this.pool, missingSegments))
      this.segments.set(slug, id);
    for (const [slug, ref] of await findEntityRefs(this.pool, missingEntities))
      this.entities.set(slug, ref);
  }

  private async resolveOne(
    pair: { segment: string; entity: string; entityKind?: string },
    now: number,
  ): Promise<EntityResolution> {
    // A known entity is checked before anything is registered: an event refused as a
    // segment_conflict must not create its segment (and take a slot of the cap).
    const known = this.entities.get(pair.entity);
    if (known)
      return known.segmentId === this.segments.get(pair.segment)
        ? { ok: true, ref: known }
        : conflict(pair);
    const kind = pair.entityKind && ENTITY_KINDS.has(pair.entityKind) ? pair.entityKind : 'service';
    const knownSegment = this.segments.get(pair.segment);
    let refusedBy: 'segment' | 'entity' | null;
    if (knownSegment !== undefined) {
      const registered = await registerEntity(
        this.pool,
        pair.entity,
        knownSegment,
        kind,
        this.limits.maxEntities,
        now,
      );
      refusedBy = registered ? null : 'entity';
    } else {
      // A new segment is registered only together with its first entity: both or neither.
      refusedBy = await registerSegmentWithEntity(
        this.pool,
        { slug: pair.segment, cap: this.limits.maxSegments },
        { slug: pair.entity, kind, cap: this.limits.maxEntities },
        now,
      );
      if (refusedBy === 'segment') return capReached('segment', pair.segment, this.limits);
      const id = (await findSegmentIds(this.pool, [pair.segment])).get(pair.segment);
      if (id !== undefined) this.segments.set(pair.segment, id);
    }
    const ref = (await findEntityRefs(this.pool, [pair.entity])).get(pair.entity);
    if (!ref) return capReached('entity', pair.entity, this.limits, refusedBy === null);
    this.entities.set(pair.entity, ref);
    // Registered concurrently elsewhere under another segment.
    if (ref.segmentId !== this.segments.get(pair.segment)) return conflict(pair);
    return { ok: true, ref };
  }
}
