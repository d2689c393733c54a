import {
  DEMO_SEGMENTS,
  QUEUE_CAPACITY,
  type DemoSegment,
  type EntityKind,
} from './demo-scenario.ts';
import { Rng, hashString } from './prng.ts';

/** One simulated entity with the per-instance traits that make it look like itself. */
export interface FleetEntity {
  slug: string;
  kind: EntityKind;
  segment: DemoSegment;
  /** Stable key for every random draw about this entity (independent of fleet order). */
  hash: number;
  medianMs: number;
  /** Spread of log-latency: requests are tighter than batch jobs. */
  latencySigma: number;
  baseErrorRate: number;
  errorClasses: readonly string[];
  /** Pipelines: typical queue depth; hosts: typical CPU %; others: 0. */
  gaugeBaseline: number;
  /** The gauge ceiling (queue capacity) when there is one. */
  capacity: number | null;
}

export const BACKGROUND_ERROR_CLASSES: Record<EntityKind, readonly string[]> = {
  service: ['UpstreamTimeout', 'Http503', 'ConnectionReset'],
  worker: ['JobTimeout', 'RetryExhausted'],
  pipeline: ['SchemaMismatch', 'SinkUnavailable'],
  host: ['DiskPressure'],
};

export const ERROR_MESSAGES: Record<string, string> = {
  UpstreamTimeout: 'upstream did not answer within 2000 ms',
  Http503: 'dependency returned 503 Service Unavailable',
  ConnectionReset: 'connection reset by peer',
  JobTimeout: 'job exceeded its deadline',
  RetryExhausted: 'gave up after 5 attempts',
  SchemaMismatch: 'record does not match the expected schema',
  SinkUnavailable: 'sink refused the batch',
  DiskPressure: 'disk usage above 95%',
  DbPoolExhausted: 'no database connection available within 1000 ms',
  GatewayTimeout: 'payment gateway did not answer within 5000 ms',
};

export const entitySlug = (prefix: string, index: number): string =>
  `${prefix}-${String(index).padStart(2, '0')}`;

export function buildFleet(segments: readonly DemoSegment[]): FleetEntity[] {
  const fleet: FleetEntity[] = [];
  const rng = new Rng();
  for (const segment of segments) {
    for (const group of segment.groups) {
      for (let index = 1; index <= group.count; index += 1) {
        const slug = entitySlug(group.prefix, index);
        const hash = hashString(slug);
        rng.reseed(hash);
        const jobLike = group.kind !== 'service';
        fleet.push({
          slug,
          kind: group.kind,
          segment,
          hash,
          medianMs: group.medianMs * (0.85 + 0.35 * rng.next()),
          latencySigma: jobLike ? 0.35 : 0.45,
          baseErrorRate: 0.001 + 0.002 * rng.next(),
          errorClasses: BACKGROUND_ERROR_CLASSES[group.kind],
          gaugeBaseline:
            group.kind === 'pipeline'
              ? rng.int(150, 600)
              : group.kind === 'host'
                ? rng.int(20, 45)
                : 0,
          capacity: group.kind === 'pipeline' ? QUEUE_CAPACITY : null,
        });
      }
    }
  }
  return fleet;
}

export const DEMO_FLEET: readonly FleetEntity[] = buildFleet(DEMO_SEGMENTS);

export function fleetBySlug(fleet: readonly FleetEntity[]): Map<string, FleetEntity> {
  return new Map(fleet.map((entity) => [entity.slug, entity]));
}
