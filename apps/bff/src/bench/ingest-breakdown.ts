import { IngestEventSchema, type IngestEventInput } from '@watchfloor/shared/ingest';
import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import { createPool, withTransaction, type Pool } from '../db/pool.ts';
import { insertEvents, markDirty, type EventRow } from '../modules/ingest/ingest.repository.ts';
import { ingestEvents } from '../modules/ingest/ingest.service.ts';
import { Registry } from '../modules/ingest/registry.ts';
import { truncateData, type BenchDatabase } from './bench-database.ts';
import { createIdSource, makeEvents, toEventRow, type BenchEntity } from './event-factory.ts';
import { chunk, measureHttpIngest } from './ingest-throughput.ts';
import { median } from './stats.ts';

export interface BreakdownResult {
  batchSize: number;
  events: number;
  rounds: number;
  /** Each step adds one layer of the ingest path; one sender, one batch in flight; median of the rounds. */
  steps: { step: string; eventsPerSecond: number }[];
  /** Node CPU per event for the stages that run on the event loop (fastest of 15 passes over one batch). */
  cpu: { stage: string; microsPerEvent: number }[];
}

export interface BreakdownOptions {
  bench: BenchDatabase;
  serverUrl: string;
  token: string;
  fleet: readonly BenchEntity[];
  refs: Map<string, { id: number; segmentId: number }>;
  events: number;
  batchSize: number;
  rounds: number;
}

const COLUMNS =
  'event_id, ts, segment_id, entity_id, kind, status, error_class, latency_ms, latency_bucket, value, message, attrs, ingested_at, trace_id';

/** Wall-clock rate of running fn over every batch, one after another. */
async function rate<T>(
  batches: readonly T[][],
  fn: (batch: T[]) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  for (const batch of batches) await fn(batch);
  return (
    batches.reduce((sum, batch) => sum + batch.length, 0) / ((performance.now() - started) / 1000)
  );
}

/** Fastest of 15 passes: interference from other work only ever adds time, so the minimum is the intrinsic cost. */
function microsPerEvent(size: number, fn: () => void): number {
  return Math.min(
    ...Array.from({ length: 15 }, () => {
      const started = performance.now();
      fn();
      return ((performance.now() - started) * 1000) / size;
    }),
  );
}

function productSql(pool: Pool, rows: EventRow[], now: number): Promise<void> {
  const dirty = new Map<string, [number, number, number]>();
  for (const row of rows) {
    const minute = bucketStart(row[1], '1m');
    const mark = dirty.get(`${row[3]}:${minute}`);
    if (mark) mark[2] += 1;
    else dirty.set(`${row[3]}:${minute}`, [row[3], minute, 1]);
  }
  return withTransaction(
    pool,
    async (conn) => {
      await insertEvents(conn, rows);
      await markDirty(conn, [...dirty.values()], now);
    },
    'READ COMMITTED',
  );
}

/**
 * Splits the single-sender cost of one batch size into layers — SQL alone, the product's SQL, the
 * ingest service, the HTTP API — running the layers in turn in every round, so background load on
 * a shared machine spreads over all of them instead of landing on one.
 */
export async function measureBreakdown(options: BreakdownOptions): Promise<BreakdownResult> {
  const { bench, fleet, refs, batchSize } = options;
  const freshEvents = (phase: string) => {
    const base = Date.now();
    return makeEvents(
      fleet,
      options.events,
      createIdSource(phase),
      (i) => base - 60_000 + Math.floor((i * 60_000) / options.events),
    );
  };
  const toRows = (events: IngestEventInput[], now: number): EventRow[] =>
    events.map((event) => toEventRow(event, refs, now));
  const pool = createPool({ url: bench.url, connectionLimit: 2 });
  const deps = {
    pool,
    registry: new Registry(pool, { maxSegments: 1_000, maxEntities: 20_000 }),
    retentionDays: 400,
  };
  const rawInsert = (verb: string) => async () => {
    await bench.pool.query('TRUNCATE TABLE events_raw_bench');
    return rate(chunk(toRows(freshEvents('bd-raw'), Date.now()), batchSize), async (batch) => {
      await pool.query(`${verb} INTO events_raw_bench (${COLUMNS}) VALUES ?`, [batch]);
    });
  };
  const steps: { step: string; run: () => Promise<number> }[] = [
    { step: 'plain INSERT, one statement per batch (raw figure)', run: rawInsert('INSERT') },
    { step: 'INSERT IGNORE, one statement per batch', run: rawInsert('INSERT IGNORE') },
    {
      step: 'product SQL: INSERT IGNORE in 2,500-row statements + rollup_dirty rows, one transaction',
      run: async () => {
        await truncateData(bench.pool);
        return rate(chunk(freshEvents('bd-sql'), batchSize), (batch) =>
          productSql(pool, toRows(batch, Date.now()), Date.now()),
        );
      },
    },
    {
      step: 'ingest service: + zod validation per event, registry lookup, row building',
      run: async () => {
        await truncateData(bench.pool);
        return rate(chunk(freshEvents('bd-svc'), batchSize), async (batch) => {
          const result = await ingestEvents(deps, batch);
          if (result.accepted !== batch.length)
            throw new Error(`service accepted ${result.accepted} of ${batch.length}`);
        });
      },
    },
    {
      step: 'HTTP API: + body read, JSON.parse, Hono, token check',
      run: async () => {
        await truncateData(bench.pool);
        return (
          await measureHttpIngest({
            url: options.serverUrl,
            token: options.token,
            events: freshEvents('bd-http'),
            batchSize,
            clients: 1,
          })
        ).eventsPerSecond;
      },
    },
  ];
  try {
    await bench.pool.query('CREATE TABLE IF NOT EXISTS events_raw_bench LIKE events');
    const rates = steps.map(() => [] as number[]);
    for (let round = 0; round < options.rounds; round += 1) {
      for (const [i, step] of steps.entries()) rates[i]!.push(await step.run());
    }
    await bench.pool.query('DROP TABLE events_raw_bench');

    const sample = freshEvents('bd-cpu').slice(0, batchSize);
    const body = JSON.stringify({ events: sample });
    const rows = toRows(sample, Date.now());
    const cpu = [
      {
        stage: 'JSON.parse of the request body',
        microsPerEvent: microsPerEvent(sample.length, () => JSON.parse(body)),
      },
      {
        stage: 'IngestEventSchema.safeParse per event',
        microsPerEvent: microsPerEvent(sample.length, () =>
          sample.forEach((event) => IngestEventSchema.safeParse(event)),
        ),
      },
      {
        stage: 'mysql2 building the INSERT text (escaping)',
        microsPerEvent: microsPerEvent(sample.length, () =>
          pool.format(`INSERT IGNORE INTO events (${COLUMNS}) VALUES ?`, [rows]),
        ),
      },
    ];
    return {
      batchSize,
      events: options.events,
      rounds: options.rounds,
      steps: steps.map((step, i) => ({ step: step.step, eventsPerSecond: median(rates[i]!) })),
      cpu,
    };
  } finally {
    await pool.end();
  }
}
