import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { trafficScaleFor } from './density.ts';
import type { SimEvent } from './entity-streams.ts';
import { generateEvents } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';
import { DemoSignals } from './demo-signals.ts';
import { postEvents, type PostFailure } from './ingest-client.ts';
import { postSpans } from './otlp-client.ts';
import { travelsAsSpan } from './otlp-spans.ts';
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
  /** How the OTLP-fed segments' requests and jobs reach /v1/traces. */
  postSpans?: typeof postSpans;
  /** Days of history the demo was seeded with: alerts and changes are reported that far back. */
  historyDays?: number;
  /** alertname of the Watchdog heartbeat (WATCHFLOOR_ALERT_HEARTBEAT_NAME). */
  heartbeatName?: string;
  /** How often alerts (the Watchdog included) and changes are reported; 0 turns them off. */
  signalsEveryMs?: number;
  /** Gaps up to this long are filled at live density; older ones at seed density (fast). */
  liveBackfillMaxMs?: number;
}

export interface LiveSimulatorStats {
  batchesSent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  failures: number;
  /** Requests and jobs sent as OTLP spans, and how many of those the receiver rejected. */
  spansSent: number;
  spansRejected: number;
  /** Start of the gap filled at start-up, or null when there was none to fill. */
  backfillFrom: number | null;
}

/** A gap longer than this is caught up tick after tick without waiting. */
export const BACKFILL_MIN_GAP_MS = 2 * 60_000;
/**
 * A gap up to this long (the minutes a first start spends seeding, a short restart) is filled at
 * live density, so the charts show no dip where seeded history meets live traffic; a longer one
 * at seed density, which is quicker to send.
 */
export const LIVE_BACKFILL_MAX_MS = 30 * 60_000;
/** Older gaps are left alone: a day-old hole is history, not a restart. */
export const BACKFILL_MAX_GAP_MS = 24 * 3_600_000;
const MAX_BATCHES_PER_TICK = 20;
const WARN_EVERY_MS = 30_000;
/** A failed round of alerts and changes is tried again this soon, not a whole interval later. */
const SIGNALS_RETRY_MS = 10_000;

/**
 * Streams the demo fleet's events for "now" through the public endpoints, honouring injected
 * faults and entity states: the OTLP-fed segments' requests and jobs as spans to /v1/traces, all
 * else as event JSON. Each tick sends [cursor, now) and moves the cursor only past what both
 * acknowledged, so an outage is caught up afterwards; ids are deterministic, so overlaps dedupe.
 * Alongside, DemoSignals reports the fleet's alerts and changes, once a minute.
 */
export class LiveSimulator {
  readonly stats: LiveSimulatorStats = {
    batchesSent: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    failures: 0,
    spansSent: 0,
    spansRejected: 0,
    backfillFrom: null,
  };
  readonly signals: DemoSignals;
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
  private signalsDueAt = -Infinity;
  /** A Retry-After the server asked for: no batch is sent before it. */
  private holdUntil = -Infinity;

  constructor(options: LiveSimulatorOptions) {
    this.options = {
      tickMs: 1_000,
      refreshMs: 5_000,
      now: Date.now,
      scheduleTick: scheduleOnTimer,
      post: postEvents,
      postSpans,
      historyDays: 30,
      heartbeatName: 'Watchdog',
      signalsEveryMs: 60_000,
      liveBackfillMaxMs: LIVE_BACKFILL_MAX_MS,
      ...options,
    };
    this.ratePerSecond = options.ratePerSecond ?? 200;
    this.signals = new DemoSignals({
      pool: options.pool,
      baseUrl: options.baseUrl,
      token: options.token,
      seed: options.seed,
      historyDays: this.options.historyDays,
      heartbeatName: this.options.heartbeatName,
    });
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

  /**
   * One step: refresh state if due, send everything from the cursor up to now, then report alerts
   * and changes if they are due.
   */
  async tick(): Promise<void> {
    const now = this.options.now();
    if (now - this.refreshedAt >= this.options.refreshMs) await this.refresh(now);
    if (this.cursor === null) this.cursor = await this.startingCursor(now);
    this.cursor = Math.max(this.cursor, now - BACKFILL_MAX_GAP_MS);
    if (now >= this.holdUntil) await this.sendEvents(now);
    if (!this.stopped && this.options.signalsEveryMs > 0 && now >= this.signalsDueAt)
      await this.reportSignals(now);
  }

  private async sendEvents(now: number): Promise<void> {
    const from = this.cursor ?? now;
    const catchingUp = now - from > BACKFILL_MIN_GAP_MS;
    const batches = generateEvents({
      seed: this.options.seed,
      anchorMs: now,
      fromMs: from,
      toMs: now,
      faults: this.faults,
      states: this.states,
      trafficScale: now - from > this.options.liveBackfillMaxMs ? 1 : this.trafficScale,
    });
    let sent = 0;
    for (const batch of batches) {
      if (this.stopped) return;
      const spans = batch.filter(travelsAsSpan);
      const events = spans.length === 0 ? batch : batch.filter((event) => !travelsAsSpan(event));
      if (events.length > 0 && !(await this.sendAsEvents(now, events))) return;
      if (spans.length > 0 && !(await this.sendAsSpans(now, spans))) return;
      this.stats.batchesSent += 1;
      sent += 1;
      // Events sharing the last timestamp may continue in the next batch; re-sending them dedupes.
      this.cursor = batch[batch.length - 1]?.ts ?? this.cursor;
      if (catchingUp && sent >= MAX_BATCHES_PER_TICK) return;
    }
    this.cursor = now;
  }

  /** False when the batch was not acknowledged and the tick must stop here. */
  private async sendAsEvents(now: number, events: SimEvent[]): Promise<boolean> {
    const outcome = await this.options.post(
      this.options.baseUrl,
      this.options.token,
      this.withKindsForNewEntities(events),
      this.abort.signal,
    );
    // A request cut short by stop() is not a failure worth reporting.
    if (this.stopped) return false;
    if (!outcome.ok) return this.failed(now, outcome, 'live simulator: ingest failed');
    this.stats.accepted += outcome.result.accepted;
    this.stats.duplicates += outcome.result.duplicates;
    this.stats.rejected += outcome.result.rejected.length;
    if (outcome.result.rejected.length > 0)
      this.warn(
        now,
        { sample: outcome.result.rejected.slice(0, 3) },
        'live simulator: events rejected',
      );
    return true;
  }

  /** OTLP reports no duplicates: a re-sent span counts as accepted, as the receiver answers. */
  private async sendAsSpans(now: number, spans: SimEvent[]): Promise<boolean> {
    const outcome = await this.options.postSpans(
      this.options.baseUrl,
      this.options.token,
      spans,
      this.abort.signal,
    );
    if (this.stopped) return false;
    if (!outcome.ok) return this.failed(now, outcome, 'live simulator: OTLP export failed');
    this.stats.spansSent += outcome.sent;
    this.stats.spansRejected += outcome.rejected;
    this.stats.accepted += outcome.sent - outcome.rejected;
    this.stats.rejected += outcome.rejected;
    if (outcome.rejected > 0)
      this.warn(
        now,
        { rejectedSpans: outcome.rejected, error: outcome.errorMessage },
        'live simulator: spans rejected',
      );
    return true;
  }

  /**
   * Counts and logs a refused or failed request. A batch worth retrying stops the tick (the cursor
   * stays, so the next tick re-sends it, not before any Retry-After); one that can never succeed
   * is skipped.
   */
  private failed(now: number, outcome: PostFailure, message: string): boolean {
    this.stats.failures += 1;
    this.warn(now, { error: outcome.message, retry: outcome.retry }, message);
    if (outcome.retry && outcome.retryAfterMs !== null) this.holdUntil = now + outcome.retryAfterMs;
    return !outcome.retry;
  }

  private async reportSignals(now: number): Promise<void> {
    const failure = await this.signals.cycle(now, this.abort.signal).catch((error: unknown) => ({
      message: error instanceof Error ? error.message : String(error),
      retryAfterMs: null,
    }));
    if (this.stopped) return;
    if (failure) {
      this.warn(now, { error: failure.message }, 'live simulator: alerts or changes not delivered');
      this.signalsDueAt = now + Math.max(SIGNALS_RETRY_MS, failure.retryAfterMs ?? 0);
    } else this.signalsDueAt = now + this.options.signalsEveryMs;
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
          const after = this.options.now();
          const next = behind ? 0 : Math.max(0, this.options.tickMs - (after - started));
          this.schedule(Math.max(next, this.holdUntil - after));
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
