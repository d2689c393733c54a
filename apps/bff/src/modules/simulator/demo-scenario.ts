/**
 * The demo fleet and its scripted incidents. Offsets are relative to the seed's anchor time (the
 * "now" of the seeded history); negative means before the anchor. Every scripted incident is still
 * ongoing at the anchor, so control actions taken in the demo visibly change what follows.
 */

export type EntityKind = 'service' | 'worker' | 'pipeline' | 'host';

export interface EntityGroup {
  /** Entities are named `${prefix}-01` … `${prefix}-NN`. */
  prefix: string;
  count: number;
  kind: EntityKind;
  /** Typical latency of one request or job; hosts emit no latency. */
  medianMs: number;
}

export interface DemoSegment {
  slug: string;
  name: string;
  owner: string;
  sloAvailability: number;
  sloLatencyP95Ms: number;
  /** Where the users are: drives the day/night traffic curve. */
  utcOffsetHours: number;
  /** Multiplies the request/job rate of every entity in the segment. */
  trafficWeight: number;
  groups: readonly EntityGroup[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every pipeline's queue holds this many items when full. */
export const QUEUE_CAPACITY = 10_000;

/**
 * One SLO per segment, so each segment groups entities of one latency scale: request-serving
 * instances apart from the workers and pipelines behind them. Background error rates (0.1–0.3 %)
 * stay inside every availability target, so healthy segments read as healthy.
 */
export const DEMO_SEGMENTS: readonly DemoSegment[] = [
  {
    slug: 'checkout-eu',
    name: 'Checkout EU',
    owner: 'team-checkout',
    sloAvailability: 0.995,
    sloLatencyP95Ms: 400,
    utcOffsetHours: 1,
    trafficWeight: 1.2,
    groups: [
      { prefix: 'checkout-eu-api', count: 12, kind: 'service', medianMs: 70 },
      { prefix: 'checkout-eu-cart', count: 8, kind: 'service', medianMs: 45 },
    ],
  },
  {
    slug: 'payments-us',
    name: 'Payments US',
    owner: 'team-payments',
    sloAvailability: 0.995,
    sloLatencyP95Ms: 350,
    utcOffsetHours: -5,
    trafficWeight: 1,
    groups: [
      { prefix: 'payments-us-api', count: 10, kind: 'service', medianMs: 110 },
      { prefix: 'payments-us-fraud', count: 6, kind: 'service', medianMs: 60 },
    ],
  },
  {
    slug: 'payments-ledger-us',
    name: 'Payment ledger US',
    owner: 'team-payments',
    sloAvailability: 0.995,
    sloLatencyP95Ms: 5_000,
    utcOffsetHours: -5,
    trafficWeight: 0.8,
    groups: [{ prefix: 'payments-ledger-us-worker', count: 8, kind: 'worker', medianMs: 1_500 }],
  },
  {
    slug: 'search-ap',
    name: 'Search APAC',
    owner: 'team-search',
    sloAvailability: 0.995,
    sloLatencyP95Ms: 250,
    utcOffsetHours: 8,
    trafficWeight: 1.4,
    groups: [
      { prefix: 'search-ap-query', count: 14, kind: 'service', medianMs: 55 },
      { prefix: 'search-ap-suggest', count: 6, kind: 'service', medianMs: 25 },
    ],
  },
  {
    slug: 'search-indexing-ap',
    name: 'Search indexing APAC',
    owner: 'team-search',
    sloAvailability: 0.99,
    sloLatencyP95Ms: 12_000,
    utcOffsetHours: 8,
    trafficWeight: 0.6,
    groups: [{ prefix: 'search-ap-indexer', count: 10, kind: 'worker', medianMs: 4_000 }],
  },
  {
    slug: 'identity-global',
    name: 'Identity',
    owner: 'team-identity',
    sloAvailability: 0.995,
    sloLatencyP95Ms: 150,
    utcOffsetHours: 0,
    trafficWeight: 1.5,
    groups: [
      { prefix: 'identity-auth', count: 16, kind: 'service', medianMs: 25 },
      { prefix: 'identity-session', count: 8, kind: 'service', medianMs: 12 },
    ],
  },
  {
    slug: 'orders-pipeline-eu',
    name: 'Order pipelines EU',
    owner: 'team-data',
    sloAvailability: 0.99,
    sloLatencyP95Ms: 8_000,
    utcOffsetHours: 1,
    trafficWeight: 0.8,
    groups: [
      { prefix: 'orders-etl-eu', count: 8, kind: 'pipeline', medianMs: 2_500 },
      { prefix: 'orders-enrich-eu', count: 6, kind: 'pipeline', medianMs: 1_800 },
      { prefix: 'orders-loader-eu', count: 6, kind: 'worker', medianMs: 1_200 },
    ],
  },
  {
    slug: 'media-transcode',
    name: 'Media transcoding',
    owner: 'team-media',
    sloAvailability: 0.99,
    sloLatencyP95Ms: 45_000,
    utcOffsetHours: 0,
    trafficWeight: 0.5,
    groups: [
      { prefix: 'media-transcode-worker', count: 20, kind: 'worker', medianMs: 12_000 },
      { prefix: 'media-thumb-pipeline', count: 4, kind: 'pipeline', medianMs: 3_000 },
    ],
  },
  {
    slug: 'notifications',
    name: 'Notifications',
    owner: 'team-messaging',
    sloAvailability: 0.995,
    sloLatencyP95Ms: 2_000,
    utcOffsetHours: 0,
    trafficWeight: 1,
    groups: [
      { prefix: 'notify-api', count: 8, kind: 'service', medianMs: 35 },
      { prefix: 'notify-email-worker', count: 10, kind: 'worker', medianMs: 450 },
      { prefix: 'notify-push-worker', count: 8, kind: 'worker', medianMs: 180 },
      { prefix: 'notify-fanout-pipeline', count: 4, kind: 'pipeline', medianMs: 600 },
    ],
  },
  {
    slug: 'edge-eu',
    name: 'Edge EU',
    owner: 'team-platform',
    sloAvailability: 0.995,
    sloLatencyP95Ms: 80,
    utcOffsetHours: 1,
    trafficWeight: 2,
    groups: [
      { prefix: 'edge-eu-lb', count: 6, kind: 'service', medianMs: 8 },
      { prefix: 'edge-eu-host', count: 20, kind: 'host', medianMs: 0 },
    ],
  },
  {
    slug: 'inventory-us',
    name: 'Inventory US',
    owner: 'team-inventory',
    sloAvailability: 0.995,
    sloLatencyP95Ms: 300,
    utcOffsetHours: -5,
    trafficWeight: 0.9,
    groups: [
      { prefix: 'inventory-us-api', count: 10, kind: 'service', medianMs: 80 },
      { prefix: 'inventory-us-cache', count: 6, kind: 'service', medianMs: 20 },
    ],
  },
  {
    slug: 'inventory-sync-us',
    name: 'Inventory sync US',
    owner: 'team-inventory',
    sloAvailability: 0.99,
    sloLatencyP95Ms: 6_000,
    utcOffsetHours: -5,
    trafficWeight: 0.9,
    groups: [
      { prefix: 'inventory-us-sync-worker', count: 6, kind: 'worker', medianMs: 2_200 },
      { prefix: 'inventory-us-stock-pipeline', count: 4, kind: 'pipeline', medianMs: 1_500 },
    ],
  },
];

/** (a) Two API instances exhaust their database pools: most of their requests fail fast, with one error class. */
export const ERROR_SPIKE = {
  segment: 'checkout-eu',
  culprits: ['checkout-eu-api-03', 'checkout-eu-api-07'],
  errorClass: 'DbPoolExhausted',
  errorRate: 0.9,
  startOffsetMs: -90 * MINUTE,
} as const;

/** (b) A rollout to eight of fourteen query instances makes them several times slower. */
export const LATENCY_REGRESSION = {
  segment: 'search-ap',
  entities: [
    'search-ap-query-01',
    'search-ap-query-02',
    'search-ap-query-03',
    'search-ap-query-04',
    'search-ap-query-05',
    'search-ap-query-06',
    'search-ap-query-07',
    'search-ap-query-08',
  ],
  deployEntity: 'search-ap-query-01',
  version: 'v2.14.0',
  deployMessage: 'deploy v2.14.0',
  latencyFactor: 3.5,
  startOffsetMs: -5 * HOUR,
} as const;

/** (c) A worker stops sending anything at all, heartbeats included. */
export const SILENT_ENTITY = {
  segment: 'payments-ledger-us',
  entity: 'payments-ledger-us-worker-04',
  silentSinceOffsetMs: -3 * HOUR,
} as const;

/** (d) A pipeline's consumer stalls: its queue-depth gauge climbs until the queue is full. */
export const SATURATING_PIPELINE = {
  segment: 'orders-pipeline-eu',
  entity: 'orders-etl-eu-03',
  metric: 'queue_depth',
  capacity: QUEUE_CAPACITY,
  climbStartOffsetMs: -2 * HOUR,
  saturatedAtOffsetMs: -15 * MINUTE,
} as const;

/**
 * Past incidents, long cleared, so trend views over weeks have something to show. The seed keeps
 * older history sparse; an incident with `denseMarginMs` is seeded at live density for its whole
 * segment from that long before it to that long after, so the trends find it minute by minute as
 * they would have when it happened.
 */
export const HISTORICAL_INCIDENTS = [
  {
    name: 'payments-gateway-outage',
    segment: 'payments-us',
    entities: [
      'payments-us-api-01',
      'payments-us-api-02',
      'payments-us-api-05',
      'payments-us-api-09',
    ],
    fault: 'errors',
    errorClass: 'GatewayTimeout',
    errorRate: 0.5,
    latencyFactor: null,
    startOffsetMs: -4 * DAY - 6 * HOUR,
    durationMs: 3 * HOUR,
    denseMarginMs: null,
  },
  {
    name: 'identity-cache-miss-storm',
    segment: 'identity-global',
    entities: ['identity-auth-02', 'identity-auth-05', 'identity-auth-11'],
    fault: 'latency',
    errorClass: null,
    errorRate: null,
    latencyFactor: 4,
    startOffsetMs: -12 * DAY - 2 * HOUR,
    durationMs: 5 * HOUR,
    denseMarginMs: null,
  },
  {
    // The error spike's forerunner: the same pool shrink on the same instances, nine days earlier.
    name: 'checkout-eu-pool-exhaustion',
    segment: ERROR_SPIKE.segment,
    entities: ERROR_SPIKE.culprits,
    fault: 'errors',
    errorClass: ERROR_SPIKE.errorClass,
    errorRate: 0.85,
    latencyFactor: null,
    startOffsetMs: -9 * DAY - 4 * HOUR,
    durationMs: 45 * MINUTE,
    denseMarginMs: HOUR,
  },
] as const;
