import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { isCertificationConflict, retryStatement } from '../../db/retry-transaction.ts';
import { isDatabaseUnavailable, isDatabaseUnreachable } from '../../http/database-fault.ts';
import type { Logger } from '../../logger.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { EntityIndex } from './entity-index.ts';
import { acquireLease, releaseLease, renewLease } from './lease.repository.ts';
import { reconcile, type ReconcileResult } from './reconcile.service.ts';
import { pruneReconciliations } from './reconcile.repository.ts';
import { recomputeEntityMinutes } from './recompute.service.ts';
import { deleteDirty, oldestDirtyMinute, readDirty } from './rollup.repository.ts';
import { addNeeded } from './span-plan.ts';
import { finishRun, pruneRuns, startRun } from './worker-runs.repository.ts';

export const ROLLUP_LEASE = 'rollup';

export interface WorkerOptions {
  pool: Pool;
  logger: Logger;
  metrics?: Metrics;
  workerId?: string;
  leaseSeconds?: number;
  batchSize?: number;
  reconcileEveryMs?: number;
  reconcileHorizonHours?: number;
  idleDelayMs?: number;
  /** Test hook: called inside the run's transaction after rollups are written, before commit. */
  beforeCommit?: () => Promise<void>;
}

export type TickResult =
  | { kind: 'not_leader' }
  | { kind: 'idle'; reconciliation?: ReconcileResult }
  | {
      kind: 'ran';
      processed: number;
      buckets: number;
      lagMs: number;
      reconciliation?: ReconcileResult;
    };

class LeaseLostError extends Error {}

/**
 * The rollup worker: while it holds the lease it turns dirty entity-minutes into rollups and
 * periodically reconciles rollups with raw events. Each batch is one transaction that writes the
 * rollups and removes exactly the dirty marks it read, so a crash at any point leaves the marks in
 * place for the next run.
 */
export class RollupWorker {
  readonly workerId: string;
  private readonly index = new EntityIndex();
  private stopped = true;
  private loop: Promise<void> | null = null;
  private lastReconcileAt = 0;
  private reconcileSoon = false;
  private wake: (() => void) | null = null;

  constructor(private readonly options: WorkerOptions) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  private get leaseSeconds() {
    return this.options.leaseSeconds ?? 15;
  }

  /** One step: take or renew the lease, roll up one batch, reconcile when due. */
  async tick(options: { reconcile?: boolean } = {}): Promise<TickResult> {
    const { pool } = this.options;
    // Two nodes may both see the lease free: only the acquire that commits holds it; the loser's
    // retry finds it held and answers not_leader.
    const leader = await retryStatement(pool, (p) =>
      acquireLease(p, ROLLUP_LEASE, this.workerId, this.leaseSeconds),
    );
    if (!leader) return { kind: 'not_leader' };
    const dirty = await readDirty(pool, this.options.batchSize ?? 20_000);
    let result: TickResult = { kind: 'idle' };
    if (dirty.length > 0) result = await this.runBatch(dirty);
    if (result.kind === 'not_leader') return result;
    const due = Date.now() - this.lastReconcileAt >= (this.options.reconcileEveryMs ?? 60_000);
    if (options.reconcile ?? (due || (this.reconcileSoon && result.kind === 'ran'))) {
      const reconciliation = await this.reconcileNow();
      result = { ...result, reconciliation };
    }
    return result;
  }

  async reconcileNow(): Promise<ReconcileResult> {
    const result = await reconcile(
      this.options.pool,
      this.index,
      this.options.reconcileHorizonHours ?? 2,
    );
    this.lastReconcileAt = Date.now();
    this.reconcileSoon = result.mismatches.length > 0;
    if (result.mismatches.length > 0)
      this.options.logger.warn(
        { mismatches: result.mismatches.length },
        'reconciliation found mismatches; repairing',
      );
    return result;
  }

  private async runBatch(
    dirty: Awaited<ReturnType<typeof readDirty>>,
  ): Promise<Extract<TickResult, { kind: 'ran' | 'not_leader' }>> {
    const { pool, logger, metrics } = this.options;
    const startedAt = Date.now();
    const runId = await startRun(pool, this.workerId, startedAt);
    const needed = new Map<number, Set<number>>();
    for (const row of dirty) addNeeded(needed, row.entityId, row.minuteTs);
    try {
      const buckets = await withTransaction(
        pool,
        async (conn) => {
          const written = await recomputeEntityMinutes(conn, this.index, needed);
          await deleteDirty(
            conn,
            dirty.map((row) => row.id),
          );
          // The fence: on Galera another node's acquire and this renewal write the same lease row,
          // so at most one of them commits; a refused commit is run again and finds the lease gone.
          if (!(await renewLease(conn, ROLLUP_LEASE, this.workerId, this.leaseSeconds)))
            throw new LeaseLostError('lease lost during run');
          await this.options.beforeCommit?.();
          return written;
        },
        'READ COMMITTED',
      );
      const finishedAt = Date.now();
      const lagMs = finishedAt - Math.min(...dirty.map((row) => row.createdAt));
      const pendingMin = await oldestDirtyMinute(pool);
      const watermark = Math.min(
        pendingMin ?? Number.POSITIVE_INFINITY,
        bucketStart(startedAt, '1m'),
      );
      await finishRun(pool, runId, {
        status: 'ok',
        finishedAt,
        rowsIn: dirty.length,
        rowsOut: buckets,
        buckets,
        lagMs,
        watermark,
        durationMs: finishedAt - startedAt,
      });
      metrics?.workerRuns.inc({ result: 'ok' });
      metrics?.workerRunDuration.observe((finishedAt - startedAt) / 1000);
      metrics?.workerLag.set(lagMs / 1000);
      return { kind: 'ran', processed: dirty.length, buckets, lagMs };
    } catch (error) {
      // Losing the lease (or the certification race for it, retries spent) is not a fault: the
      // run applied nothing, another worker owns the marks, and this one tries again later.
      const lost = error instanceof LeaseLostError || isCertificationConflict(error);
      const failureClass = lost
        ? 'lease_lost'
        : isDatabaseUnavailable(error)
          ? 'database_unavailable'
          : 'internal';
      metrics?.workerRuns.inc({ result: 'failed' });
      if (lost) logger.warn({ failureClass }, 'rollup run lost its lease; not leader now');
      else logger.error({ err: error, failureClass }, 'rollup run failed');
      const finishedAt = Date.now();
      await finishRun(pool, runId, {
        status: 'failed',
        finishedAt,
        failureClass,
        failureMessage: (error as Error).message,
        rowsIn: dirty.length,
        rowsOut: 0,
        buckets: 0,
        lagMs: null,
        watermark: null,
        durationMs: finishedAt - startedAt,
      }).catch(() => undefined);
      if (lost) return { kind: 'not_leader' };
      throw error;
    }
  }

  /** Runs until stop(): busy while there is work, polling gently when idle, backing off on faults. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.runLoop();
  }

  private async runLoop(): Promise<void> {
    let failures = 0;
    let lastPrune = 0;
    let unreachableSince: number | null = null;
    while (!this.stopped) {
      let delay = this.options.idleDelayMs ?? 500;
      try {
        if (unreachableSince !== null) {
          await this.recordOutage(unreachableSince);
          unreachableSince = null;
        }
        const result = await this.tick();
        failures = 0;
        if (result.kind === 'ran') delay = 20;
        if (Date.now() - lastPrune > 3_600_000) {
          lastPrune = Date.now();
          await pruneRuns(this.options.pool, Date.now() - 2 * 86_400_000);
          await pruneReconciliations(this.options.pool, Date.now() - 2 * 86_400_000);
        }
      } catch (error) {
        failures++;
        // Only an unreachable server is an outage; a busy pool or a slow statement is not.
        if (isDatabaseUnreachable(error)) unreachableSince ??= Date.now();
        // An unreachable database costs nothing to retry, and every second of backoff after it
        // returns is a second of charts without the newest minutes: retry it more eagerly.
        delay = Math.min(
          isDatabaseUnavailable(error) ? 2_000 : 10_000,
          250 * 2 ** Math.min(failures, 6),
        );
        if (!isDatabaseUnavailable(error))
          this.options.logger.error({ err: error }, 'rollup worker tick failed');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /**
   * While the database was unreachable no run could be recorded; once it answers again the outage
   * is written as one failed run, so worker history and quality show when rollups could not run.
   */
  private async recordOutage(since: number): Promise<void> {
    const { pool } = this.options;
    const now = Date.now();
    const runId = await startRun(pool, this.workerId, since);
    await finishRun(pool, runId, {
      status: 'failed',
      finishedAt: now,
      failureClass: 'database_unavailable',
      failureMessage: 'the database could not be reached',
      rowsIn: 0,
      rowsOut: 0,
      buckets: 0,
      lagMs: null,
      watermark: null,
      durationMs: now - since,
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await releaseLease(this.options.pool, ROLLUP_LEASE, this.workerId).catch(() => undefined);
  }
}
