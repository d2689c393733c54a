import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import type { Pool } from '../../db/pool.ts';
import { markDirtyMinutes } from './rollup.repository.ts';
import {
  readHourCountsSnapshot,
  recordReconciliation,
  type Mismatch,
} from './reconcile.repository.ts';
import type { EntityIndex } from './entity-index.ts';

export interface ReconcileResult {
  checked: number;
  mismatches: Mismatch[];
}

/**
 * Compares raw counts with minute and hour rollup counts per entity-hour over the horizon. All
 * reads share one consistent snapshot: ingest commits events with their dirty marks and the worker
 * commits rollups with the removal of those marks, so in one snapshot raw = rollup for every
 * entity-hour that has no pending mark. Any other difference is a real fault; its hours are marked
 * for recomputation so the next run repairs them.
 */
export async function reconcile(
  pool: Pool,
  index: EntityIndex,
  horizonHours: number,
  now = Date.now(),
): Promise<ReconcileResult> {
  const toTs = bucketStart(now, '1h') + 3_600_000;
  const fromTs = toTs - horizonHours * 3_600_000;
  const { raw, minutes, hours, pending } = await readHourCountsSnapshot(
    pool,
    async (conn) => {
      await index.refresh(conn);
      return index.allEntityIds();
    },
    fromTs,
    toTs,
  );
  let mismatches: Mismatch[] = [];
  let checked = 0;
  const keys = new Set([...raw.keys(), ...minutes.keys(), ...hours.keys()]);
  for (const key of keys) {
    if (pending.has(key)) continue;
    checked++;
    const rawCount = raw.get(key) ?? 0;
    const minuteCount = minutes.get(key) ?? 0;
    const hourCount = hours.get(key) ?? 0;
    if (rawCount !== minuteCount || rawCount !== hourCount) {
      const [entityId, hourTs] = key.split(':').map(Number) as [number, number];
      mismatches.push({ entityId, hourTs, rawCount, minuteCount, hourCount });
    }
  }
  mismatches = mismatches.sort((a, b) => a.hourTs - b.hourTs || a.entityId - b.entityId);
  await recordReconciliation(pool, now, fromTs, toTs, checked, mismatches);
  const repairs: [number, number][] = [];
  for (const m of mismatches)
    for (let minute = m.hourTs; minute < m.hourTs + 3_600_000; minute += 60_000)
      repairs.push([m.entityId, minute]);
  await markDirtyMinutes(pool, repairs, now);
  return { checked, mismatches };
}
