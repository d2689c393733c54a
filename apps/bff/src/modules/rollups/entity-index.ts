import type { Queryable } from '../../db/pool.ts';
import { entitySegments } from './rollup.repository.ts';

/** Which segment each entity belongs to. Entities never move, so the map only ever grows. */
export class EntityIndex {
  private segmentByEntity = new Map<number, number>();
  private entitiesBySegment = new Map<number, number[]>();

  async ensure(conn: Queryable, entityIds: Iterable<number>): Promise<void> {
    for (const id of entityIds) {
      if (!this.segmentByEntity.has(id)) {
        await this.refresh(conn);
        return;
      }
    }
  }

  async refresh(conn: Queryable): Promise<void> {
    this.segmentByEntity = await entitySegments(conn);
    this.entitiesBySegment = new Map();
    for (const [entityId, segmentId] of this.segmentByEntity) {
      const list = this.entitiesBySegment.get(segmentId) ?? [];
      list.push(entityId);
      this.entitiesBySegment.set(segmentId, list);
    }
  }

  segmentOf(entityId: number): number | undefined {
    return this.segmentByEntity.get(entityId);
  }

  entitiesOf(segmentId: number): number[] {
    return this.entitiesBySegment.get(segmentId) ?? [];
  }

  allSegmentIds(): number[] {
    return [...this.entitiesBySegment.keys()];
  }

  allEntityIds(): number[] {
    return [...this.segmentByEntity.keys()];
  }
}
