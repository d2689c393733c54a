import type { Pool } from '../db/pool.ts';

export interface ActivitySummary {
  samples: number;
  /** Share of samples in which a session on another database was running a statement. */
  busyShare: number;
  /** Mean number of such statements per sample. */
  meanActive: number;
  /** InnoDB checkpoint age as a share of its maximum (how full the redo log is): mean and max over samples. */
  redoFillMean: number;
  redoFillMax: number;
}

/** How full InnoDB's redo log is (checkpoint age / max checkpoint age), 0 when the server does not say. */
export async function redoLogFill(pool: Pool): Promise<number> {
  const [rows] = await pool.query(
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_checkpoint_age', 'Innodb_checkpoint_max_age')",
  );
  const status = new Map(
    (rows as { Variable_name: string; Value: string }[]).map((row) => [
      row.Variable_name,
      Number(row.Value),
    ]),
  );
  const max = status.get('Innodb_checkpoint_max_age') ?? 0;
  return max > 0 ? (status.get('Innodb_checkpoint_age') ?? 0) / max : 0;
}

/**
 * Samples, every intervalMs, how many statements other databases' sessions are running on the same
 * server and how full the redo log is. The bench shares the machine; this says how much of the time
 * it did not have it alone, and how close InnoDB was to flushing synchronously.
 */
export function monitorBackgroundActivity(
  pool: Pool,
  intervalMs = 500,
): { stop(): Promise<ActivitySummary> } {
  let running = true;
  const counts: number[] = [];
  const fills: number[] = [];
  const loop = (async () => {
    while (running) {
      const [rows] = await pool.query(
        "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE command NOT IN ('Sleep', 'Daemon', 'Binlog Dump') AND id <> CONNECTION_ID() AND (db IS NULL OR db <> DATABASE())",
      );
      counts.push(Number((rows as { n: number }[])[0]?.n ?? 0));
      fills.push(await redoLogFill(pool));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    async stop() {
      running = false;
      await loop;
      return {
        samples: counts.length,
        busyShare: mean(counts.map((n) => (n > 0 ? 1 : 0))),
        meanActive: mean(counts),
        redoFillMean: mean(fills),
        redoFillMax: Math.max(0, ...fills),
      };
    },
  };
}
