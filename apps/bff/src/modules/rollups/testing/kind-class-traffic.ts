import type { EventKind, IngestEventInput } from '@watchfloor/shared/ingest';

/** What each event of the cycle is: every kind, classed and unclassed errors, an ok event with a class. */
const CYCLE: readonly Pick<IngestEventInput, 'kind' | 'status' | 'errorClass'>[] = [
  { kind: 'request', status: 'ok' },
  { kind: 'request', status: 'ok' },
  { kind: 'request', status: 'error', errorClass: 'Timeout' },
  { kind: 'job', status: 'ok' },
  { kind: 'request', status: 'error' },
  { kind: 'log', status: 'ok', errorClass: 'NotAnError' },
  { kind: 'job', status: 'error', errorClass: 'OutOfMemory' },
  { kind: 'heartbeat', status: 'ok' },
  { kind: 'request', status: 'error', errorClass: 'ConnRefused' },
  { kind: 'gauge', status: 'ok' },
];

const TIMED_KINDS: readonly EventKind[] = ['request', 'job'];

/**
 * Deterministic traffic of every kind over [fromMs, toMs): one event per entity every 20 s, the
 * entities taking the cycle in turn, so each entity-minute holds a different mix. Latencies are
 * whole milliseconds so sums compare exactly.
 */
export function kindClassTraffic(options: {
  fromMs: number;
  toMs: number;
  entities: readonly { segment: string; entity: string }[];
}): IngestEventInput[] {
  const events: IngestEventInput[] = [];
  let n = 0;
  for (let ts = options.fromMs; ts < options.toMs; ts += 20_000) {
    for (const [offset, { segment, entity }] of options.entities.entries()) {
      const shape = CYCLE[n % CYCLE.length]!;
      events.push({
        id: `kc-${n}`,
        ts: ts + offset * 11,
        segment,
        entity,
        ...shape,
        latencyMs: TIMED_KINDS.includes(shape.kind) ? 5 + ((n * 37) % 900) : undefined,
        value: shape.kind === 'gauge' ? n % 50 : undefined,
      });
      n++;
    }
  }
  return events;
}

export interface ExpectedCell {
  scope: string;
  kind: string;
  errorClass: string;
  events: number;
  errors: number;
  latencyCount: number;
  latencySum: number;
}

/**
 * The breakdown the events should produce, per scope (as `scopeOf` names it), kind and class:
 * ok events under '', errors under their class or '' without one.
 */
export function expectedBreakdown(
  events: readonly IngestEventInput[],
  scopeOf: (event: IngestEventInput) => string | null,
): ExpectedCell[] {
  const cells = new Map<string, ExpectedCell>();
  for (const event of events) {
    const scope = scopeOf(event);
    if (scope === null) continue;
    const failed = event.status === 'error';
    const errorClass = failed ? (event.errorClass ?? '') : '';
    const key = `${scope}|${event.kind}|${errorClass}`;
    const cell = cells.get(key) ?? {
      scope,
      kind: event.kind,
      errorClass,
      events: 0,
      errors: 0,
      latencyCount: 0,
      latencySum: 0,
    };
    cell.events++;
    if (failed) cell.errors++;
    if (typeof event.latencyMs === 'number') {
      cell.latencyCount++;
      cell.latencySum += event.latencyMs;
    }
    cells.set(key, cell);
  }
  return sortCells([...cells.values()]);
}

export const sortCells = (cells: ExpectedCell[]): ExpectedCell[] =>
  cells.sort((a, b) =>
    `${a.scope}|${a.kind}|${a.errorClass}`.localeCompare(`${b.scope}|${b.kind}|${b.errorClass}`),
  );
