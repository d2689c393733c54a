import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import type { IngestDeps } from '../ingest/ingest.service.ts';
import type { Registry } from '../ingest/registry.ts';
import { DEMO_SEGMENTS } from './demo-scenario.ts';
import {
  demoHistoryBatches,
  estimateDemoHistory,
  ingestDemoBatches,
  type DemoHistoryPlan,
} from './demo-history.ts';
import { DAY_MS } from './density.ts';
import { DEMO_FLEET } from './fleet.ts';
import { ongoingScenarioFaults } from './scenario-faults.ts';
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
  /**
   * Only this part of the history is ingested (clipped to it); absent: all of it. A later call
   * with another part adds exactly the events the whole would have had there.
   */
  range?: { fromMs: number; toMs: number };
  /** Called at every tenth of the estimated work (10, 20 … 90), for a console line. */
  onProgress?: (percent: number) => void;
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

/** The history a seed with these options stores: what a back-fill records to resume it. */
export function demoHistoryPlan(options: SeedOptions): DemoHistoryPlan {
  return {
    seed: options.seed,
    anchorMs: options.anchorMs,
    historyFrom: options.anchorMs - (options.historyDays ?? 30) * DAY_MS,
    scale: options.scale ?? 1,
    liveRatePerSecond: options.liveRatePerSecond ?? null,
    liveHours: options.liveHours ?? 6,
  };
}

/**
 * Registers every demo segment and entity with its kind, sets segment metadata and SLOs, and
 * records the ongoing scripted faults. Idempotent: returns how many faults were new.
 */
export async function prepareDemoFleet(
  pool: Pool,
  registry: Registry,
  anchorMs: number,
): Promise<number> {
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
  return faultsInjected;
}

/**
 * Seeds the demo fleet: prepares it (prepareDemoFleet), then ingests the history through the
 * ingest service (the code path behind POST /api/v1/ingest/events). The OTLP-fed segments'
 * requests are stored in the shape the OTLP receiver gives them (trace-derived ids, trace ids), so
 * live spans continue them seamlessly. A past incident the trends must find is seeded at live
 * density around its window (dense-history.ts); the rest of the older history stays sparse. Event
 * ids and fault keys are deterministic, so running it again with the same seed and anchor stores
 * nothing new. Alerts and changes are not seeded here: the live simulator reports them through
 * their endpoints when it starts (DemoSignals).
 */
export async function seedDemoFleet(options: SeedOptions): Promise<SeedResult> {
  const { pool, registry, logger, concurrency = 2 } = options;
  const started = Date.now();
  const faultsInjected = await prepareDemoFleet(pool, registry, options.anchorMs);

  const plan = demoHistoryPlan(options);
  const fromMs = Math.max(plan.historyFrom, options.range?.fromMs ?? plan.historyFrom);
  const toMs = Math.min(plan.anchorMs, options.range?.toMs ?? plan.anchorMs);
  const deps: IngestDeps = { pool, registry, retentionDays: options.retentionDays };
  const estimate = Math.max(1, estimateDemoHistory(plan, fromMs, toMs));
  let reportedDecile = 0;
  const totals = await ingestDemoBatches(deps, demoHistoryBatches(plan, fromMs, toMs), {
    concurrency,
    logger,
    afterBatch: (sofar) => {
      const decile = Math.min(9, Math.floor((sofar.generated / estimate) * 10));
      if (decile <= reportedDecile) return;
      reportedDecile = decile;
      logger?.info({ progress: `${decile * 10}%`, ...sofar }, 'demo seed progress');
      options.onProgress?.(decile * 10);
    },
  });

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
