import { setTimeout as delay } from 'node:timers/promises';
import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import type { IngestDeps } from '../ingest/ingest.service.ts';
import type { SimEvent } from '../simulator/entity-streams.ts';
import { pendingSummary } from '../quality/quality.repository.ts';
import {
  demoHistoryBatches,
  estimateDemoHistory,
  ingestDemoBatches,
  type DemoHistoryPlan,
  type IngestTotals,
} from '../simulator/demo-history.ts';
import {
  advanceBackfill,
  DEMO_HISTORY,
  finishBackfill,
  readBackfill,
  type BackfillState,
} from './backfill.repository.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface HistoryBackfillOptions {
  deps: IngestDeps;
  name?: string;
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Console lines: progress a person starting the app wants to see. */
  say?: (line: string) => void;
  /** The back-fill runs newest first, this much history at a time (slices end on whole hours). */
  sliceMs?: number;
  /** In the background, more dirty minutes than this waiting for the rollup worker pause it… */
  maxBacklog?: number;
  /** …and so does a rollup backlog older than this, so live data keeps being rolled up promptly. */
  maxLagMs?: number;
  /** How long a pause waits before looking again. */
  pauseMs?: number;
  now?: () => number;
}

export const planOf = (state: BackfillState): DemoHistoryPlan => ({
  seed: state.seed,
  anchorMs: state.anchorMs,
  historyFrom: state.historyFrom,
  scale: state.scale,
  liveRatePerSecond: state.liveRate,
  liveHours: state.liveHours,
});

/** The slice below `filledFrom`: down to the previous whole hour, never past the history's start. */
export function nextSliceStart(state: BackfillState, sliceMs: number): number {
  const step = Math.max(HOUR_MS, Math.floor(sliceMs / HOUR_MS) * HOUR_MS);
  return Math.max(state.historyFrom, Math.floor((state.filledFrom - 1) / step) * step);
}

/**
 * Writes the recorded history back-fill newest first, slice by slice, moving the back-filled
 * point in the database after each slice is stored, so quality can tell which windows are still
 * incomplete and a stopped process resumes where it was. In the foreground (`runUntil`) it goes
 * flat out; in the background (`start`) it ingests one batch at a time and waits whenever the
 * rollup worker falls behind, so live data stays fresh meanwhile.
 */
export class HistoryBackfill {
  private stopping = false;
  private running: Promise<void> | null = null;
  private readonly name: string;
  private readonly pool: Pool;

  constructor(private readonly options: HistoryBackfillOptions) {
    this.name = options.name ?? DEMO_HISTORY;
    this.pool = options.deps.pool;
  }

  /** Stores history until it reaches back to `targetMs` (or is stopped); the state afterwards. */
  async runUntil(
    targetMs: number,
    onProgress?: (percent: number) => void,
  ): Promise<BackfillState | null> {
    let state = await readBackfill(this.pool, this.name);
    if (!state) return null;
    const plan = planOf(state);
    const estimate = Math.max(1, estimateDemoHistory(plan, targetMs, state.filledFrom));
    let stored = 0;
    while (state && state.filledFrom > Math.max(targetMs, state.historyFrom) && !this.stopping) {
      const base = stored;
      const totals = await this.slice(
        state,
        2,
        (sofar) => {
          onProgress?.(Math.min(99, Math.floor(((base + sofar.generated) / estimate) * 100)));
        },
        targetMs,
      );
      stored += totals.generated;
      // A slice cut short is not recorded: the next run stores it again (ids dedupe).
      if (this.stopping) break;
      state = await this.afterSlice(state, targetMs);
    }
    return state;
  }

  /** Runs the rest of the back-fill in the background; `stop()` ends it between batches. */
  start(): void {
    if (this.running) return;
    this.running = this.runToEnd().catch((error: unknown) => {
      this.options.logger?.warn({ err: error }, 'history back-fill failed; it resumes on restart');
      this.options.say?.(
        `Back-filling demo history stopped: ${error instanceof Error ? error.message : String(error)} (it resumes on the next start)`,
      );
    });
  }

  /** Resolves when the background back-fill has finished or stopped. */
  async settled(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async runToEnd(): Promise<void> {
    let state = await readBackfill(this.pool, this.name);
    if (!state) return;
    const started = Date.now();
    const totalDays = Math.ceil((state.anchorMs - state.historyFrom) / DAY_MS);
    let reportedDay = daysDone(state);
    this.options.say?.(
      `Back-filling demo history in the background, newest first (${totalDays} days; charts reaching further back say "still loading")…`,
    );
    while (state && !this.stopping) {
      await this.slice(state, 1, () => this.yieldToWorker());
      if (this.stopping) break;
      state = await this.afterSlice(state);
      if (!state) break;
      const day = daysDone(state);
      if (day > reportedDay) {
        reportedDay = day;
        const share = (state.anchorMs - state.filledFrom) / (state.anchorMs - state.historyFrom);
        this.options.say?.(
          `Back-filling demo history: day ${day} of ${totalDays} (${Math.round(share * 100)} %)`,
        );
      }
    }
    if (!state)
      this.options.say?.(
        `Demo history back-filled: ${totalDays} days in ${((Date.now() - started) / 60_000).toFixed(1)} min.`,
      );
  }

  /** Where the slice below the back-filled point starts; never below `floorMs` (runUntil's target). */
  private sliceStart(state: BackfillState, floorMs = Number.NEGATIVE_INFINITY): number {
    return Math.max(floorMs, nextSliceStart(state, this.options.sliceMs ?? HOUR_MS));
  }

  /** Stores [slice start, filledFrom) and returns what was ingested. */
  private async slice(
    state: BackfillState,
    concurrency: number,
    afterBatch: (totals: IngestTotals) => void | Promise<void>,
    floorMs?: number,
  ): Promise<IngestTotals> {
    const from = this.sliceStart(state, floorMs);
    return ingestDemoBatches(
      this.options.deps,
      newestFirst(planOf(state), from, state.filledFrom),
      {
        concurrency,
        logger: this.options.logger,
        afterBatch,
        shouldStop: () => this.stopping,
      },
    );
  }

  /** Moves the back-filled point past the slice just stored; null once the history is complete. */
  private async afterSlice(state: BackfillState, floorMs?: number): Promise<BackfillState | null> {
    const from = this.sliceStart(state, floorMs);
    if (!(await advanceBackfill(this.pool, this.name, state.filledFrom, from)))
      throw new Error('the history back-fill was moved on by another process');
    if (from <= state.historyFrom) {
      await finishBackfill(this.pool, this.name);
      this.options.logger?.info({ name: this.name }, 'history back-fill done');
      return null;
    }
    return { ...state, filledFrom: from };
  }

  /** Waits while the rollup worker is behind: the back-fill must never starve live data. */
  private async yieldToWorker(): Promise<void> {
    const maxBacklog = this.options.maxBacklog ?? 20_000;
    const maxLagMs = this.options.maxLagMs ?? 10_000;
    const now = this.options.now ?? Date.now;
    let waitingSince: number | null = null;
    while (!this.stopping) {
      const pending = await pendingSummary(this.pool);
      const lagMs = pending.oldestCreatedAt === null ? 0 : now() - pending.oldestCreatedAt;
      if (pending.count <= maxBacklog && lagMs <= maxLagMs) return;
      waitingSince ??= Date.now();
      if (Date.now() - waitingSince > 60_000) {
        this.options.logger?.warn(
          { pending: pending.count, lagMs },
          'history back-fill waiting for the rollup worker',
        );
        waitingSince = Date.now();
      }
      await delay(this.options.pauseMs ?? 250);
    }
  }
}

/**
 * Quality looks for ingest gaps in the last 6 hours: there a slice is written minute by minute,
 * newest first, so a slice half written never leaves a hole between stored minutes (only an
 * earlier first minute). Older history is written in one go.
 */
const MINUTE_BY_MINUTE_MS = 7 * HOUR_MS;

function* newestFirst(
  plan: DemoHistoryPlan,
  fromMs: number,
  toMs: number,
): Generator<SimEvent[], void, undefined> {
  const fineFrom = Math.max(fromMs, plan.anchorMs - MINUTE_BY_MINUTE_MS);
  for (let end = toMs; end > fineFrom; end -= 60_000)
    yield* demoHistoryBatches(plan, Math.max(fineFrom, end - 60_000), end);
  if (fineFrom > fromMs) yield* demoHistoryBatches(plan, fromMs, Math.min(fineFrom, toMs));
}

/** Whole days of history stored back from the anchor, counting a started day. */
function daysDone(state: BackfillState): number {
  return Math.ceil((state.anchorMs - state.filledFrom) / DAY_MS);
}
