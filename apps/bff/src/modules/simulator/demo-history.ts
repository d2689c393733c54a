import type { Logger } from '../../logger.ts';
import { ingestEvents, type IngestDeps } from '../ingest/ingest.service.ts';
import { denseHistoryWindows, generateHistory } from './dense-history.ts';
import { estimateEventCount, trafficScaleFor } from './density.ts';
import type { SimEvent } from './entity-streams.ts';
import { generateEvents } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';
import { asReceived, travelsAsSpan } from './otlp-spans.ts';
import { scenarioFaults } from './scenario-faults.ts';

const HOUR_MS = 3_600_000;

/** Which demo history to generate: the same plan always gives the same events with the same ids. */
export interface DemoHistoryPlan {
  seed: number;
  /** The end of the history; scripted incidents and density tiers are placed relative to it. */
  anchorMs: number;
  /** The start of the history. */
  historyFrom: number;
  scale: number;
  /**
   * The live simulator's events/s. The last `liveHours` are generated at that rate, so the
   * default 6-hour view shows no step where seeded history meets live traffic.
   */
  liveRatePerSecond: number | null;
  liveHours: number;
}

/** Where the history at live density begins. */
export function liveDensityFrom(plan: DemoHistoryPlan): number {
  return plan.liveRatePerSecond
    ? Math.max(plan.historyFrom, plan.anchorMs - plan.liveHours * HOUR_MS)
    : plan.anchorMs;
}

/**
 * The plan's events inside [fromMs, toMs), in batches the ingest API accepts, shaped as stored
 * (the OTLP-fed segments' requests as the OTLP receiver stores them). Any split of the history
 * into ranges gives, range by range, exactly the events of the whole: a back-fill may stop and
 * resume anywhere.
 */
export function* demoHistoryBatches(
  plan: DemoHistoryPlan,
  fromMs: number,
  toMs: number,
): Generator<SimEvent[], void, undefined> {
  const common = {
    seed: plan.seed,
    anchorMs: plan.anchorMs,
    faults: scenarioFaults(plan.anchorMs),
    scale: plan.scale,
  };
  const liveFrom = liveDensityFrom(plan);
  const sparseFrom = Math.max(fromMs, plan.historyFrom);
  const sparseTo = Math.min(toMs, liveFrom);
  const ranges: Iterable<SimEvent[]>[] = [];
  if (sparseTo > sparseFrom)
    ranges.push(
      generateHistory(
        { ...common, fromMs: sparseFrom, toMs: sparseTo },
        denseHistoryWindows(plan.anchorMs),
      ),
    );
  // Hour by hour from where live density begins, because the rate that reaches the live figure
  // follows the time of day; a range cutting an hour keeps that hour's rate.
  for (let hour = liveFrom; hour < plan.anchorMs; hour += HOUR_MS) {
    const from = Math.max(hour, fromMs);
    const to = Math.min(plan.anchorMs, hour + HOUR_MS, toMs);
    if (to <= from) continue;
    const trafficScale =
      trafficScaleFor(DEMO_FLEET, plan.liveRatePerSecond ?? 0, hour + HOUR_MS / 2) / plan.scale;
    ranges.push(generateEvents({ ...common, fromMs: from, toMs: to, trafficScale }));
  }
  for (const range of ranges)
    for (const batch of range)
      yield batch.map((event) => (travelsAsSpan(event) ? asReceived(event) : event));
}

/** Roughly how many events [fromMs, toMs) of the plan holds; for progress reports only. */
export function estimateDemoHistory(plan: DemoHistoryPlan, fromMs: number, toMs: number): number {
  const liveFrom = liveDensityFrom(plan);
  const from = Math.max(fromMs, plan.historyFrom);
  const to = Math.min(toMs, plan.anchorMs);
  const sparse =
    Math.min(to, liveFrom) > from
      ? estimateEventCount(DEMO_FLEET, plan.anchorMs, from, Math.min(to, liveFrom), plan.scale)
      : 0;
  const liveMs = Math.max(0, to - Math.max(from, liveFrom));
  return sparse + (liveMs / 1000) * (plan.liveRatePerSecond ?? 0);
}

export interface IngestTotals {
  generated: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

/**
 * Ingests batches through the ingest service (the code path behind POST /api/v1/ingest/events),
 * `concurrency` at a time: one is being generated while another is written. `afterBatch` sees the
 * running totals after each batch is handed over (progress, throttling).
 */
export async function ingestDemoBatches(
  deps: IngestDeps,
  batches: Iterable<SimEvent[]>,
  options: {
    concurrency?: number;
    logger?: Pick<Logger, 'warn'>;
    afterBatch?: (totals: IngestTotals) => void | Promise<void>;
    /** Checked before each batch: true ends the run early (what was handed over is still awaited). */
    shouldStop?: () => boolean;
  } = {},
): Promise<IngestTotals> {
  const concurrency = options.concurrency ?? 2;
  const totals: IngestTotals = { generated: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let failure: unknown = null;
  const inflight = new Set<Promise<void>>();
  for (const batch of batches) {
    if (options.shouldStop?.()) break;
    totals.generated += batch.length;
    const pending: Promise<void> = ingestEvents(deps, batch).then(
      (result) => {
        totals.accepted += result.accepted;
        totals.duplicates += result.duplicates;
        totals.rejected += result.rejected.length;
        if (result.rejected.length > 0)
          options.logger?.warn(
            { sample: result.rejected.slice(0, 3) },
            'demo seed: events rejected',
          );
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
    const tracked = pending.finally(() => inflight.delete(tracked));
    inflight.add(tracked);
    if (inflight.size >= concurrency) await Promise.race(inflight);
    if (failure) break;
    await options.afterBatch?.(totals);
  }
  await Promise.all(inflight);
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return totals;
}
