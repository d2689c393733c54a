import { toRow } from '../modules/ingest/ingest.service.ts';
import { IngestEventSchema } from '@watchfloor/shared/ingest';
import { randomBytes } from 'node:crypto';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import type { Pool } from '../db/pool.ts';
import type { EventRow } from '../modules/ingest/ingest.repository.ts';
import { SeededRandom } from './stats.ts';

/** The synthetic sender fleet for throughput and freshness: 8 segments × 25 entities. */
export interface BenchEntity {
  segment: string;
  entity: string;
  medianMs: number;
}

export const BENCH_SEGMENT_COUNT = 8;
export const BENCH_ENTITIES_PER_SEGMENT = 25;

export function benchFleet(): BenchEntity[] {
  const fleet: BenchEntity[] = [];
  for (let s = 1; s <= BENCH_SEGMENT_COUNT; s += 1) {
    for (let e = 1; e <= BENCH_ENTITIES_PER_SEGMENT; e += 1) {
      fleet.push({
        segment: `bench-seg-${s}`,
        entity: `bench-seg-${s}-svc-${String(e).padStart(2, '0')}`,
        medianMs: 10 * (1 + ((s * 7 + e) % 20)),
      });
    }
  }
  return fleet;
}

/** Time-ordered, unique ids (like ULIDs): a random run tag, a phase label and a sequence number. */
export function createIdSource(phase: string): () => string {
  const tag = randomBytes(4).toString('hex');
  let seq = 0;
  return () => `${tag}-${phase}-${String((seq += 1)).padStart(10, '0')}`;
}

/**
 * One event of a realistic mix: 85 % requests, 5 % jobs (log-normal latency, 1 % errors), 10 %
 * heartbeats. About 190 bytes of JSON each.
 */
export function makeEvent(
  rng: SeededRandom,
  entity: BenchEntity,
  id: string,
  ts: number,
): IngestEventInput {
  const draw = rng.next();
  if (draw < 0.1)
    return {
      id,
      ts,
      segment: entity.segment,
      entity: entity.entity,
      kind: 'heartbeat',
      status: 'ok',
    };
  const failed = rng.next() < 0.01;
  const latencyMs = Math.round(entity.medianMs * Math.exp(0.6 * rng.normal()) * 10) / 10;
  const event: IngestEventInput = {
    id,
    ts,
    segment: entity.segment,
    entity: entity.entity,
    kind: draw < 0.15 ? 'job' : 'request',
    status: failed ? 'error' : 'ok',
    latencyMs,
  };
  if (failed) event.errorClass = 'UpstreamTimeout';
  return event;
}

/** `count` events spread round-robin over the fleet, timestamps from tsOf(i). */
export function makeEvents(
  fleet: readonly BenchEntity[],
  count: number,
  nextId: () => string,
  tsOf: (i: number) => number,
  seed = 7,
): IngestEventInput[] {
  const rng = new SeededRandom(seed);
  const events: IngestEventInput[] = new Array(count);
  for (let i = 0; i < count; i += 1)
    events[i] = makeEvent(rng, fleet[i % fleet.length]!, nextId(), tsOf(i));
  return events;
}

/** Ids of the registered bench entities (registration happens through the API's first batch). */
export async function loadEntityRefs(
  pool: Pool,
): Promise<Map<string, { id: number; segmentId: number }>> {
  const [rows] = await pool.query('SELECT id, slug, segment_id FROM entities');
  return new Map(
    (rows as { id: number; slug: string; segment_id: number }[]).map((row) => [
      row.slug,
      { id: row.id, segmentId: row.segment_id },
    ]),
  );
}

/** The row the ingest service would write for this event: its own row builder, after its own parsing. */
export function toEventRow(
  event: IngestEventInput,
  refs: Map<string, { id: number; segmentId: number }>,
  ingestedAt: number,
): EventRow {
  const ref = refs.get(event.entity);
  if (!ref) throw new Error(`entity ${event.entity} is not registered`);
  return toRow(IngestEventSchema.parse(event), ref.segmentId, ref.id, ingestedAt);
}
