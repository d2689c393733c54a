import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every Prometheus series the BFF exports, on a registry of its own (one per app instance). */
export function createMetrics() {
  const registry = new Registry();
  // prom-client's default set names gauges *_total, which promtool rejects; memory is what we watch.
  new Gauge({
    name: 'watchfloor_process_memory_bytes',
    help: 'Process memory by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      const usage = process.memoryUsage();
      this.set({ kind: 'rss' }, usage.rss);
      this.set({ kind: 'heap_used' }, usage.heapUsed);
    },
  });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'watchfloor_http_request_duration_seconds',
      help: 'HTTP request duration by route template, method and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ingestEvents: new Counter({
      name: 'watchfloor_ingest_events_total',
      help: 'Ingested events by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    workerRuns: new Counter({
      name: 'watchfloor_worker_runs_total',
      help: 'Rollup worker runs that found work, by result',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    workerRunDuration: new Histogram({
      name: 'watchfloor_worker_run_duration_seconds',
      help: 'Rollup worker run duration',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    workerLag: new Gauge({
      name: 'watchfloor_worker_lag_seconds',
      help: 'Age of the oldest ingested data not yet rolled up, as of the last run',
      registers: [registry],
    }),
    poolConnections: new Gauge({
      name: 'watchfloor_db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
