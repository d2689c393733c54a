import type { IngestEventInput } from '@watchfloor/shared/ingest';

export interface VariedTrafficOptions {
  fromMs: number;
  toMs: number;
  everyMs: number;
  /** Requests go to these in turn; gauge readings go to the first. */
  entities: readonly { segment: string; entity: string }[];
  errorEvery: number;
  gaugeEvery: number;
}

/**
 * Requests with latencies spread over many histogram buckets and every errorEvery-th failing,
 * plus a gauge reading every gaugeEvery-th request: rollups whose points and strips carry every
 * kind of figure.
 */
export function variedTraffic(options: VariedTrafficOptions): IngestEventInput[] {
  const { entities, errorEvery, gaugeEvery } = options;
  const gauged = entities[0]!;
  const events: IngestEventInput[] = [];
  for (let ts = options.fromMs, n = 0; ts < options.toMs; ts += options.everyMs, n++) {
    const { segment, entity } = entities[n % entities.length]!;
    events.push({
      id: `r-${n}`,
      ts,
      segment,
      entity,
      kind: 'request',
      status: n % errorEvery === 0 ? 'error' : 'ok',
      latencyMs: 3 + ((n * 97) % 900) / 7,
    });
    if (n % gaugeEvery === 0)
      events.push({
        id: `g-${n}`,
        ts: ts + 1,
        segment: gauged.segment,
        entity: gauged.entity,
        kind: 'heartbeat',
        status: 'ok',
        value: (n % 37) * 1.1,
      });
  }
  return events;
}
