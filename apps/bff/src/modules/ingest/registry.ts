import type { Pool } from '../../db/pool.ts';
import {
  findEntityRefs,
  findSegmentIds,
  registerEntity,
  registerSegment,
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
    const segmentId = await this.segmentId(pair.segment, now);
    if (segmentId === null) {
      return {
        ok: false,
        code: 'cardinality_limit',
        field: 'segment',
        message: `segment "${pair.segment}" is new and the segment limit (${this.limits.maxSegments}) is reached`,
      };
    }
    let ref = this.entities.get(pair.entity);
    if (!ref) {
      const kind =
        pair.entityKind && ENTITY_KINDS.has(pair.entityKind) ? pair.entityKind : 'service';
      const registered = await registerEntity(
        this.pool,
        pair.entity,
        segmentId,
        kind,
        this.limits.maxEntities,
        now,
      );
      ref = (await findEntityRefs(this.pool, [pair.entity])).get(pair.entity);
      if (!ref) {
        return {
          ok: false,
          code: 'cardinality_limit',
          field: 'entity',
          message: registered
            ? `entity "${pair.entity}" could not be registered`
            : `entity "${pair.entity}" is new and the entity limit (${this.limits.maxEntities}) is reached`,
        };
      }
      this.entities.set(pair.entity, ref);
    }
    if (ref.segmentId !== segmentId) {
      return {
        ok: false,
        code: 'segment_conflict',
        field: 'segment',
        message: `entity "${pair.entity}" belongs to another segment than "${pair.segment}"`,
      };
    }
    return { ok: true, ref };
  }

  private async segmentId(slug: string, now: number): Promise<number | null> {
    const cached = this.segments.get(slug);
    if (cached !== undefined) return cached;
    await registerSegment(this.pool, slug, this.limits.maxSegments, now);
    const id = (await findSegmentIds(this.pool, [slug])).get(slug);
    if (id === undefined) return null;
    this.segments.set(slug, id);
    return id;
  }
}
