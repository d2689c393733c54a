import type { IngestEventInput } from '@watchfloor/shared/ingest';

/**
 * Deterministic test traffic: `entities` entities spread over two segments, one request every
 * `everyMs` per entity over [fromMs, toMs), every seventh an error, latencies spread over three
 * decades so histograms have many buckets.
 */
export function sampleEvents(options: {
  fromMs: number;
  toMs: number;
  everyMs?: number;
  entities?: number;
  prefix?: string;
}): IngestEventInput[] {
  const { fromMs, toMs, everyMs = 20_000, entities = 4, prefix = 'ev' } = options;
  const events: IngestEventInput[] = [];
  let n = 0;
  for (let ts = fromMs; ts < toMs; ts += everyMs) {
    for (let e = 0; e < entities; e++) {
      n++;
      events.push({
        id: `${prefix}-${e}-${ts}`,
        ts: ts + e * 7,
        segment: e % 2 === 0 ? 'seg-even' : 'seg-odd',
        entity: `ent-${e}`,
        kind: 'request',
        status: n % 7 === 0 ? 'error' : 'ok',
        errorClass: n % 7 === 0 ? 'Timeout' : undefined,
        latencyMs: 1 + ((n * 37) % 1000) * ((n % 3) + 1),
      });
    }
  }
  return events;
}

export const minutesAgo = (minutes: number, now = Date.now()) =>
  Math.floor((now - minutes * 60_000) / 60_000) * 60_000;
