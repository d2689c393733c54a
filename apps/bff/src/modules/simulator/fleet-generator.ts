import { INGEST_MAX_EVENTS } from '@watchfloor/shared/ingest';
import { streamIntervals, tierRanges, type Tier } from './density.ts';
import { emitEntityWindow, type SimEvent } from './entity-streams.ts';
import { DEMO_FLEET, type FleetEntity } from './fleet.ts';
import type { EntitySimState, SimFault } from './simulator-effects.ts';

export interface GenerateOptions {
  seed: number;
  /** The "now" of the scenario: density tiers are measured back from it. */
  anchorMs: number;
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  faults: readonly SimFault[];
  states?: ReadonlyMap<string, EntitySimState>;
  /** Multiplies every event rate; below 1 for quick tests. */
  scale?: number;
  /** Multiplies only request and job rates (live events per second). */
  trafficScale?: number;
  fleet?: readonly FleetEntity[];
  batchSize?: number;
}

/** Work is cut into chunks that are generated, sorted and handed out whole, keeping memory flat. */
const CHUNK_MS: Record<Tier, number> = {
  dense: 5 * 60_000,
  recent: 6 * 3_600_000,
  archive: 12 * 3_600_000,
};

const byTimeThenId = (a: SimEvent, b: SimEvent): number =>
  a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Yields the fleet's events for [fromMs, toMs) in time order, in batches of at most `batchSize`
 * (the ingest API's limit by default). The same options always give the same events with the
 * same ids, however the window is split across calls. Deploys and other changes are not events:
 * demo-changes.ts reports them as change events.
 */
export function* generateEvents(options: GenerateOptions): Generator<SimEvent[], void, undefined> {
  const fleet = options.fleet ?? DEMO_FLEET;
  const batchSize = Math.max(
    1,
    Math.min(options.batchSize ?? INGEST_MAX_EVENTS, INGEST_MAX_EVENTS),
  );
  const faultsByEntity = new Map<string, SimFault[]>();
  for (const fault of options.faults) {
    const list = faultsByEntity.get(fault.entity) ?? [];
    list.push(fault);
    faultsByEntity.set(fault.entity, list);
  }

  let buffer: SimEvent[] = [];
  for (const range of tierRanges(options.anchorMs, options.fromMs, options.toMs)) {
    const intervals = fleet.map((entity) =>
      streamIntervals(entity, range.tier, options.scale, options.trafficScale),
    );
    const chunkMs = CHUNK_MS[range.tier];
    for (let start = range.from; start < range.to;) {
      const end = Math.min(range.to, (Math.floor(start / chunkMs) + 1) * chunkMs);
      const chunk: SimEvent[] = [];
      fleet.forEach((entity, index) => {
        const entityIntervals = intervals[index];
        if (!entityIntervals) return;
        emitEntityWindow(chunk, entity, start, end, {
          seed: options.seed,
          intervals: entityIntervals,
          faults: faultsByEntity.get(entity.slug) ?? [],
          state: options.states?.get(entity.slug),
        });
      });
      chunk.sort(byTimeThenId);
      for (const event of chunk) buffer.push(event);
      while (buffer.length >= batchSize) {
        yield buffer.slice(0, batchSize);
        buffer = buffer.slice(batchSize);
      }
      start = end;
    }
  }
  if (buffer.length > 0) yield buffer;
}
