import { deployChangeId, type IncidentShape } from './shape-model.ts';

/**
 * A labelled set of incident shapes, each produced by the simulator's own generators on a small
 * segment of its own, with the answer "Why?" should give first. The regression test
 * (incident-shapes.test.ts) runs every shape through ingest, rollups and the assist service.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const api = { count: 10, kind: 'service', medianMs: 80 } as const;

export const INCIDENT_SHAPES: readonly IncidentShape[] = [
  {
    name: 'one bad instance',
    story: 'One instance of ten fails most requests with one error class.',
    segment: 'shape-one-bad',
    group: api,
    faults: [{ entity: 4, fault: 'errors', errorClass: 'DbPoolExhausted', errorRate: 0.8 }],
    ask: { scope: 'segment' },
    expected: {
      outcome: 'finding',
      check: 'contribution',
      subject: { kind: 'entity', id: 'shape-one-bad-api-04' },
    },
  },
  {
    name: 'one bad instance, asked on the instance',
    story: 'The same failure seen from the failing instance itself: which error class.',
    segment: 'shape-one-bad-entity',
    group: api,
    faults: [{ entity: 2, fault: 'errors', errorClass: 'DbPoolExhausted', errorRate: 0.8 }],
    ask: { scope: 'entity', entity: 2 },
    expected: {
      outcome: 'finding',
      check: 'contribution',
      subject: { kind: 'error_class', id: 'DbPoolExhausted' },
    },
  },
  {
    name: 'bad deploy on a subset',
    story: 'A new version reaches two of ten instances; from that minute they fail.',
    segment: 'shape-bad-deploy',
    group: api,
    deploys: [1, 2],
    faults: [
      { entity: 1, fault: 'errors', errorClass: 'NullPointer', errorRate: 0.5 },
      { entity: 2, fault: 'errors', errorClass: 'NullPointer', errorRate: 0.5 },
    ],
    ask: { scope: 'segment' },
    expected: {
      outcome: 'finding',
      check: 'what_changed',
      subject: {
        kind: 'change',
        id: [
          deployChangeId({ segment: 'shape-bad-deploy', group: api }, 1),
          deployChangeId({ segment: 'shape-bad-deploy', group: api }, 2),
        ],
      },
    },
  },
  {
    name: 'one error class across a segment',
    story:
      'A new error class appears thinly on every instance: no instance stands out, the class does.',
    segment: 'shape-class-wide',
    group: { ...api, count: 12 },
    faults: Array.from({ length: 12 }, (_, i) => ({
      entity: i + 1,
      fault: 'errors' as const,
      errorClass: 'TlsHandshakeFailed',
      errorRate: 0.02,
    })),
    ask: { scope: 'segment' },
    expected: {
      outcome: 'finding',
      check: 'contribution',
      subject: { kind: 'error_class', id: 'TlsHandshakeFailed' },
    },
  },
  {
    name: 'latency-only degradation',
    story: 'Two instances get four times slower; nothing fails.',
    segment: 'shape-slow',
    group: api,
    faults: [
      { entity: 3, fault: 'latency', latencyFactor: 4 },
      { entity: 8, fault: 'latency', latencyFactor: 4 },
    ],
    ask: { scope: 'segment' },
    expected: {
      outcome: 'finding',
      check: 'contribution',
      subject: { kind: 'entity', id: ['shape-slow-api-03', 'shape-slow-api-08'] },
    },
  },
  {
    name: 'traffic surge without errors',
    story: 'Traffic triples across the segment; error ratio and latency stay as they were.',
    segment: 'shape-surge',
    group: api,
    faults: [],
    surge: 3,
    ask: { scope: 'segment' },
    expected: { outcome: 'nothing', trafficRise: 2 },
  },
  {
    name: 'silent entity',
    story: 'One instance stops sending anything, heartbeats included.',
    segment: 'shape-silent',
    group: api,
    faults: [{ entity: 6, fault: 'silent' }],
    ask: { scope: 'segment' },
    expected: { outcome: 'refusal', reason: 'silent', mentions: 'shape-silent-api-06' },
  },
  {
    name: 'systemic failure of a whole segment',
    story: 'Every instance fails a third of its requests at once.',
    segment: 'shape-systemic',
    group: api,
    faults: Array.from({ length: 10 }, (_, i) => ({
      entity: i + 1,
      fault: 'errors' as const,
      errorClass: 'UpstreamUnavailable',
      errorRate: 0.3,
    })),
    ask: { scope: 'segment' },
    expected: {
      outcome: 'finding',
      check: 'systemic',
      subject: { kind: 'segment', id: 'shape-systemic' },
    },
  },
  {
    name: 'alert-only episode',
    story:
      'Prometheus loses its scrape of one instance and InstanceDown fires, while the instance keeps serving and sending. Asked on the instance.',
    segment: 'shape-alert-only',
    group: api,
    faults: [{ entity: 5, fault: 'silent', alertOnly: true }],
    alerting: true,
    ask: { scope: 'entity', entity: 5 },
    expected: {
      outcome: 'finding',
      check: 'what_changed',
      subject: { kind: 'alert', id: 'shape-alert-only-api-05' },
    },
  },
  {
    name: 'recovered incident that recurs',
    story: 'The instance that failed two days ago, and recovered, fails again the same way.',
    segment: 'shape-recurs',
    group: api,
    faults: [{ entity: 7, fault: 'errors', errorClass: 'CacheStampede', errorRate: 0.9 }],
    recurrenceOfDaysAgo: 2,
    ask: { scope: 'segment' },
    expected: {
      outcome: 'finding',
      check: 'contribution',
      subject: { kind: 'entity', id: 'shape-recurs-api-07' },
      similar: true,
    },
  },
  {
    name: 'late data',
    story: 'The last forty minutes of the segment’s events arrive late and are not rolled up yet.',
    segment: 'shape-late',
    group: api,
    faults: [{ entity: 2, fault: 'errors', errorClass: 'DbPoolExhausted', errorRate: 0.8 }],
    lateFromFault: true,
    ask: { scope: 'segment' },
    expected: { outcome: 'refusal', reason: 'pending', mentions: 'still being rolled up' },
  },
  {
    name: 'chronic peer outlier',
    story:
      'One instance has been five times slower than its peers for hours: nothing changed, it stands out.',
    segment: 'shape-outlier',
    group: api,
    faults: [{ entity: 9, fault: 'latency', latencyFactor: 5, startOffsetMs: -3 * HOUR }],
    ask: { scope: 'segment' },
    expected: {
      outcome: 'finding',
      check: 'peer_outliers',
      subject: { kind: 'entity', id: 'shape-outlier-api-09' },
    },
  },
];
