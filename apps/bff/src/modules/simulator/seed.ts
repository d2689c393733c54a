import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { ingestEvents, type IngestDeps } from '../ingest/ingest.service.ts';
import type { Registry } from '../ingest/registry.ts';
import { DEMO_SEGMENTS } from './demo-scenario.ts';
import { denseHistoryWindows, generateHistory } from './dense-history.ts';
import { DAY_MS, estimateEventCount, trafficScaleFor } from './density.ts';
import { generateEvents } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';
import { asReceived, travelsAsSpan } from './otlp-spans.ts';
import { ongoingScenarioFaults, scenarioFaults } from './scenario-faults.ts';
import { injectFault, updateSegmentMetadata } from './simulation.repository.ts';

export interface SeedOptions {
  pool: Pool;
  registry: Registry;
  retentionDays: number;
  seed: number;
  /** The end of the seeded history; scripted incidents are placed relative to it. */
  anchorMs: number;
  historyDays?: number;
  /** Multiplies every event rate; 1 gives about 1.9 million events over 30 days. */
  scale?: number;
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Batches ingested at once: one is being generated while another is written. */
  concurrency?: number;
  /**
   * The live simulator's events/s. The last `liveHours` of history are seeded at that rate, so the
   * default 6-hour view shows no step where seeded history meets live traffic.
   */
  liveRatePerSecond?: number;
  liveHours?: number;
}

export interface SeedResult {
  generated: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  faultsInjected: number;
  durationMs: number;
  eventsPerSecond: number;
}

/**
 * Seeds the demo fleet: registers every segment and entity with its kind, sets segment metadata and
 * SLOs, records the ongoing scripted faults, then ingests the history through the ingest service
 * (the code path behind POST /api/v1/ingest/events). The OTLP-fed segments' requests are stored in
 * the shape the OTLP receiver gives them (trace-derived ids, trace ids), so live spans continue
 * them seamlessly. A past incident the trends must find is seeded at live density around its
 * window (dense-history.ts); the rest of the older history stays sparse. Event ids and fault keys are deterministic, so running it again with the same
 * seed and anchor stores nothing new. Alerts and changes are not seeded here: the live simulator
 * reports them through their endpoints when it starts (DemoSignals).
 */
export async function seedDemoFleet(options: SeedOptions): Promise<SeedResult> {
  const {
    pool,
    registry,
    seed,
    anchorMs,
    historyDays = 30,
    scale = 1,
    logger,
    concurrency = 2,
  } = options;
  const started = Date.now();
  const resolutions = await registry.resolve(
    DEMO_FLEET.map((entity) => ({
      segment: entity.segment.slug,
      entity: entity.slug,
      entityKind: entity.kind,
    })),
    Date.now(),
  );
  const entityIds = new Map<string, number>();
  for (const entity of DEMO_FLEET) {
    const resolution = resolutions.get(`${entity.segment.slug}/${entity.slug}`);
    if (!resolution?.ok)
      throw new Error(
        `Cannot register demo entity ${entity.slug}: ${resolution?.message ?? 'unresolved'}`,
      );
    entityIds.set(entity.slug, resolution.ref.id);
  }
  for (const segment of DEMO_SEGMENTS) await updateSegmentMetadata(pool, segment);

  let faultsInjected = 0;
  for (const fault of ongoingScenarioFaults(anchorMs)) {
    const entityId = entityIds.get(fault.entity);
    if (entityId === undefined)
      throw new Error(`Scripted fault names unknown entity ${fault.entity}`);
    if ((await injectFault(pool, { ...fault, entityId, scenarioKey: fault.key })) !== null)
      faultsInjected += 1;
  }

  const fromMs = anchorMs - historyDays * DAY_MS;
  const deps: IngestDeps = { pool, registry, retentionDays: options.retentionDays };
  const totals = { generated: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let reportedDecile = 0;
  let failure: unknown = null;
  const inflight = new Set<Promise<void>>();

  const liveFrom = options.liveRatePerSecond
    ? Math.max(fromMs, anchorMs - (options.liveHours ?? 6) * 3_600_000)
    : anchorMs;
  const common = {
    seed,
    anchorMs,
    faults: scenarioFaults(anchorMs),
    scale,
  };
  function* phases() {
    yield* generateHistory({ ...common, fromMs, toMs: liveFrom }, denseHistoryWindows(anchorMs));
    // Hour by hour, because the rate that reaches the live figure follows the time of day.
    for (let hour = liveFrom; hour < anchorMs; hour += 3_600_000) {
      const trafficScale =
        trafficScaleFor(DEMO_FLEET, options.liveRatePerSecond ?? 0, hour + 1_800_000) / scale;
      yield* generateEvents({
        ...common,
        fromMs: hour,
        toMs: Math.min(anchorMs, hour + 3_600_000),
        trafficScale,
      });
    }
  }
  const liveEstimate = ((anchorMs - liveFrom) / 1000) * (options.liveRatePerSecond ?? 0);
  const estimate = Math.max(
    1,
    estimateEventCount(DEMO_FLEET, anchorMs, fromMs, liveFrom, scale) + liveEstimate,
  );
  for (const generated of phases()) {
    // The OTLP-fed segments' requests are stored as the OTLP receiver would have stored them.
    const batch = generated.map((event) => (travelsAsSpan(event) ? asReceived(event) : event));
    totals.generated += batch.length;
    const pending: Promise<void> = ingestEvents(deps, batch).then(
      (result) => {
        totals.accepted += result.accepted;
        totals.duplicates += result.duplicates;
        totals.rejected += result.rejected.length;
        if (result.rejected.length > 0)
          logger?.warn({ sample: result.rejected.slice(0, 3) }, 'demo seed: events rejected');
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
    const tracked = pending.finally(() => inflight.delete(tracked));
    inflight.add(tracked);
    if (inflight.size >= concurrency) await Promise.race(inflight);
    if (failure) break;

    const decile = Math.min(9, Math.floor((totals.generated / estimate) * 10));
    if (decile > reportedDecile) {
      reportedDecile = decile;
      logger?.info({ progress: `${decile * 10}%`, ...totals }, 'demo seed progress');
    }
  }
  await Promise.all(inflight);
  if (failure) throw failure;

  const durationMs = Date.now() - started;
  const result: SeedResult = {
    ...totals,
    faultsInjected,
    durationMs,
    eventsPerSecond: Math.round(totals.generated / Math.max(0.001, durationMs / 1000)),
  };
  logger?.info(result, 'demo seed done');
  return result;
}
