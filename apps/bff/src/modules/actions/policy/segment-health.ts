import type { Pool } from '../../../db/pool.ts';
import { judgeLiveHealth } from '../../drilldown/live-health.ts';
import { entitiesOfSegment } from '../store/targets.repository.ts';

/** The live health of a segment's active entities, as the systemic breaker judges it. */
export interface SegmentHealthFacts {
  /** Active entities judged. */
  judged: number;
  /** Slugs of those critical or silent now, in slug order. */
  unhealthy: string[];
}

const UNHEALTHY = new Set(['critical', 'silent']);

/**
 * Judges each active entity of the segment by the overview's "now" rules. Entities taken out of
 * service are not counted: a drained entity is neither healthy nor failing. Read before a
 * transaction opens, with the process clock the quality model uses.
 */
export async function segmentHealthFacts(
  pool: Pool,
  segmentId: number,
): Promise<SegmentHealthFacts> {
  const active = (await entitiesOfSegment(pool, segmentId))
    .filter((e) => e.state === 'active')
    .sort((a, b) => a.slug.localeCompare(b.slug));
  const verdicts = await judgeLiveHealth(
    pool,
    { segmentIds: [], entityIds: active.map((e) => e.id) },
    Date.now(),
  );
  return {
    judged: active.length,
    unhealthy: active
      .filter((e) => UNHEALTHY.has(verdicts.entities.get(e.id)?.status ?? 'ok'))
      .map((e) => e.slug),
  };
}
