import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { trafficScaleFor } from './density.ts';
import type { SimEvent } from './entity-streams.ts';
import { generateEvents } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';
import { postEvents } from './ingest-client.ts';
import { scheduleOnTimer, type ScheduleTick } from './schedule-tick.ts';
import { SATURATION_DRAIN_MS, type SimFault } from './simulator-effects.ts';
import {
  activeFaults,
  entityStates,
  newestEventTs,
  type EntityStateRecord,
} from './simulation.repository.ts';

export interface LiveSimulatorOptions {
  pool: Pool;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  baseUrl: string;
  token: string;
  ratePerSecond?: number;
  seed: number;
  tickMs?: number;
  /** How often faults and entity states are re-read. */
  refreshMs?: number;
  now?: () => number;
  /** When each tick runs; tests pass their own to drive ticks one by one. */
  scheduleTick?: ScheduleTick;
  /** How a batch reaches the ingest API; tests wrap it to see the request a stop() cuts short. */
  post?: typeof postEvents;
}

export interface LiveSimulatorStats {
  batchesSent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  failures: number;
  /** Start of the gap filled at start-up, or null when there was none to fill. */
  backfillFrom: number | null;
}

/** A gap longer than this is filled at seed density (fast) rather than live density. */
export const BACKFILL_MIN_GAP_MS = 2 * 60_000;
/** Older gaps are left alone: a day-old hole is history, not a restart. */
export const BACKFILL_MAX_GAP_MS = 24 * 3_600_000;
const MAX_BATCHES_PER_TICK = 20;
const WARN_EVERY_MS = 30_000;

/**
 * Streams the demo fleet's events for "now" through the public ingest API, honouring injected
 * faults and entity states. Each tick sends [cursor, now) and moves the cursor only past what the
 * API acknowledged, so an outage is caught up afterwards; ids are deterministic, so overlaps dedupe.
 */
export class LiveSimulator {
  readonly stats: LiveSimulatorStats = {
    batchesSent: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    failures: 0,
    backfillFrom: null,
  };
  private readonly options: Required<Omit<LiveSimulatorOptions, 'ratePerSecond'>>;
  private trafficScale = 1;
  private readonly ratePerSecond: number;
  private cursor: number | null = null;
  private faults: SimFault[] = [];
  private states = new Map<string, EntityStateRecord>();
  private refreshedAt = -Infinity;
  private cancelTick: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private abort = new AbortController();
  private lastWarnAt = -Infinity;

  constructor(options: LiveSimulatorOptions) {
    this.options = {
      tickMs: 1_000,
      refreshMs: 5_000,
      now: Date.now,
      scheduleTick: scheduleOnTimer,
      post: postEvents,
      ...options,
    };
    this.ratePerSecond = options.ratePerSecond ?? 200;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.abort = new AbortController();
    this.options.logger.info(
      { ratePerSecond: this.ratePerSecond, baseUrl: this.options.baseUrl },
      'live simulator started',
    );
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTick?.();
    this.cancelTick = null;
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  /** One step: refresh state if due, then send everything from the cursor up to now. */
  async tick(): Promise<void> {
    const now = this.options.now();
    if (now - this.refreshedAt >= this.options.refreshMs) await this.refresh(now);
    if (this.cursor === null) this.cursor = await this.startingCursor(now);
    this.cursor = Math.max(this.cursor, now - BACKFILL_MAX_GAP_MS);
    const catchingUp = now - this.cursor > BACKFILL_MIN_GAP_MS;
    const batches = generateEvents({
      seed: this.options.seed,
      anchorMs: now,
      fromMs: this.cursor,
      toMs: now,
      faults: this.faults,
      states: this.states,
      trafficScale: catchingUp ? 1 : this.trafficScale,
    });
    let sent = 0;
    for (const batch of batches) {
      if (this.stopped) return;
      const outcome = await this.options.post(
        this.options.baseUrl,
        this.options.token,
        this.withKindsForNewEntities(batch),
        this.abort.signal,
      );
      // A request cut short by stop() is not a failure worth reporting.
      if (this.stopped) return;
      if (!outcome.ok) {
        this.stats.failures += 1;
        this.warn(
          now,
          { error: outcome.message, retry: outcome.retry },
          'live simulator: ingest failed',
        );
        if (outcome.retry) return;
      } else {
        this.stats.accepted += outcome.result.accepted;
        this.stats.duplicates += outcome.result.duplicates;
        this.stats.rejected += outcome.result.rejected.length;
        if (outcome.result.rejected.length > 0)
          this.warn(
            now,
            { sample: outcome.result.rejected.slice(0, 3) },
            'live simulator: events rejected',
          );
      }
      this.stats.batchesSent += 1;
      sent += 1;
      // Events sharing the last timestamp may continue in the next batch; re-sending them dedupes.
      this.cursor = batch[batch.length - 1]?.ts ?? this.cursor;
      if (catchingUp && sent >= MAX_BATCHES_PER_TICK) return;
    }
    this.cursor = now;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.cancelTick = this.options.scheduleTick(() => {
      const started = this.options.now();
      this.running = this.tick()
        .catch((error: unknown) => {
          this.stats.failures += 1;
          this.warn(
            started,
            { error: error instanceof Error ? error.message : String(error) },
            'live simulator: tick failed',
          );
        })
        .finally(() => {
          const behind =
            this.cursor !== null && this.options.now() - this.cursor > BACKFILL_MIN_GAP_MS;
          this.schedule(
            behind ? 0 : Math.max(0, this.options.tickMs - (this.options.now() - started)),
          );
        });
    }, delayMs);
  }

  private async refresh(now: number): Promise<void> {
    const [faults, states] = await Promise.all([
      activeFaults(this.options.pool, { clearedSince: now - SATURATION_DRAIN_MS }),
      entityStates(this.options.pool),
    ]);
    this.faults = faults;
    this.states = states;
    // Regions wake and sleep in turn; the fleet-wide rate stays near the configured one.
    this.trafficScale = trafficScaleFor(DEMO_FLEET, this.ratePerSecond, now);
    this.refreshedAt = now;
  }

  private async startingCursor(now: number): Promise<number> {
    const newest = await newestEventTs(this.options.pool);
    if (newest === null || now - newest >= BACKFILL_MAX_GAP_MS) return now;
    const from = Math.min(newest, now);
    if (now - from > BACKFILL_MIN_GAP_MS) {
      this.stats.backfillFrom = from;
      this.options.logger.info(
        { from: new Date(from).toISOString(), gapMinutes: Math.round((now - from) / 60_000) },
        'live simulator: backfilling the gap since the last event',
      );
    }
    return from;
  }

  /** The first events of an entity the registry has not seen carry its kind, so it registers correctly. */
  private withKindsForNewEntities(batch: SimEvent[]): SimEvent[] {
    if (batch.every((event) => this.states.has(event.entity))) return batch;
    const kinds = new Map(DEMO_FLEET.map((entity) => [entity.slug, entity.kind]));
    return batch.map((event) => {
      const kind = kinds.get(event.entity);
      return this.states.has(event.entity) || !kind
        ? event
        : { ...event, attrs: { ...event.attrs, entityKind: kind } };
    });
  }

  private warn(now: number, details: object, message: string): void {
    if (now - this.lastWarnAt < WARN_EVERY_MS) return;
    this.lastWarnAt = now;
    this.options.logger.warn({ ...details, failures: this.stats.failures }, message);
  }
}
