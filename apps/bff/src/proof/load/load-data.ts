import type { Pool } from '../../db/pool.ts';
import { createLogger } from '../../logger.ts';
import { Registry } from '../../modules/ingest/registry.ts';
import { RollupWorker } from '../../modules/rollups/rollup.worker.ts';
import { seedDemoFleet } from '../../modules/simulator/seed.ts';
import type { FleetMap } from './dashboard-users.ts';

/** The demo fleet's history (a week at a quarter of the demo density), rolled up, as dashboards will read it. */
export async function seedLoadData(pool: Pool, progress: (line: string) => void): Promise<number> {
  const registry = new Registry(pool, { maxSegments: 1_000, maxEntities: 20_000 });
  const seeded = await seedDemoFleet({
    pool,
    registry,
    retentionDays: 400,
    seed: 42,
    anchorMs: Date.now(),
    historyDays: 7,
    scale: 0.25,
    onProgress: (percent) => progress(`seeding a week of demo history: ${percent} %`),
  });
  progress(`seeded ${seeded.accepted.toLocaleString('en')} events; rolling up`);
  const worker = new RollupWorker({ pool, logger: createLogger('silent'), batchSize: 50_000 });
  while ((await worker.tick({ reconcile: false })).kind === 'ran');
  await worker.stop();
  return seeded.accepted;
}

export async function readFleetMap(pool: Pool): Promise<FleetMap> {
  const [rows] = await pool.query(
    'SELECT s.slug AS segment, e.slug AS entity FROM entities e JOIN segments s ON s.id = e.segment_id ORDER BY s.slug, e.slug',
  );
  const bySegment = new Map<string, string[]>();
  for (const row of rows as { segment: string; entity: string }[])
    bySegment.set(row.segment, [...(bySegment.get(row.segment) ?? []), row.entity]);
  return { segments: [...bySegment].map(([slug, entities]) => ({ slug, entities })) };
}
