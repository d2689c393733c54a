import type { Queryable } from '../../db/pool.ts';

export interface LeaderOverlap {
  a: string;
  b: string;
  at: number;
}

/**
 * One leader at a time, judged from what the workers wrote: successful rollup runs of two
 * different workers must never overlap in time (each run renews the lease inside its own
 * transaction, so overlapping successful runs would mean two leaders). Both workers run on this
 * machine, so their clocks agree.
 */
export async function leaderOverlaps(
  conn: Queryable,
  since: number,
): Promise<{ runs: number; workers: number; overlaps: LeaderOverlap[] }> {
  const [rows] = await conn.query(
    "SELECT worker_id, started_at, finished_at FROM worker_runs WHERE status = 'ok' AND started_at >= ? AND finished_at IS NOT NULL ORDER BY started_at",
    [since],
  );
  const runs = (rows as { worker_id: string; started_at: number; finished_at: number }[]).map(
    (r) => ({ worker: r.worker_id, from: Number(r.started_at), to: Number(r.finished_at) }),
  );
  const overlaps: LeaderOverlap[] = [];
  // Sorted by start: a run overlaps an earlier one of another worker still running at its start.
  let open: { worker: string; to: number } | null = null;
  for (const run of runs) {
    if (open && open.worker !== run.worker && run.from < open.to)
      overlaps.push({ a: open.worker, b: run.worker, at: run.from });
    if (!open || run.to > open.to) open = { worker: run.worker, to: run.to };
  }
  return { runs: runs.length, workers: new Set(runs.map((r) => r.worker)).size, overlaps };
}

/** Samples the lease row: the sequence of distinct holders (handovers show as changes). */
export class LeaseSampler {
  readonly holders: { at: number; holder: string | null }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly conn: () => Queryable | null) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), 1_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    const conn = this.conn();
    if (!conn) return;
    try {
      const [rows] = await conn.query(
        'SELECT holder FROM worker_leases WHERE expires_at > NOW(3) ORDER BY name LIMIT 1',
      );
      const holder = (rows as { holder: string | null }[])[0]?.holder ?? null;
      if (this.holders.at(-1)?.holder !== holder) this.holders.push({ at: Date.now(), holder });
    } catch {
      // The node we read from is the one in trouble: the next sample tries again.
    }
  }
}
