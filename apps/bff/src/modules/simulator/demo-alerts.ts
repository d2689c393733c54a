import type {
  AlertmanagerAlert,
  AlertmanagerWebhook,
} from '@watchfloor/shared/telemetry/alertmanager';
import { DEMO_FLEET, fleetBySlug } from './fleet.ts';
import { historicalFaults } from './scenario-faults.ts';
import { SATURATION_DRAIN_MS, type EntitySimState, type SimFault } from './simulator-effects.ts';

/**
 * The alerts a Prometheus watching the demo fleet would raise, and the Alertmanager notifications
 * that carry them. Each fault kind has one rule; an alert starts once the rule's condition has held
 * for `for: 2m` and resolves when the condition stops holding (the fault cleared, or an operator
 * action stopped the traffic the condition is measured on).
 */

/** A rule's `for:` clause: the condition must hold this long before the alert fires. */
export const ALERT_FOR_MS = 2 * 60_000;
/** Rate-based conditions look back over a 1-minute window, so they clear about that long after. */
export const RATE_WINDOW_MS = 60_000;
/** `up == 0` clears at the next successful scrape. */
const SCRAPE_INTERVAL_MS = 30_000;
/** QueueSaturated: queue depth above this share of the queue's capacity. */
export const QUEUE_SATURATED_SHARE = 0.9;
/** The time Alertmanager sends as endsAt of a firing alert: Go's zero time. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';
const PROMETHEUS_URL = 'http://prometheus.demo.invalid';
const ALERTMANAGER_URL = 'http://alertmanager.demo.invalid';
export const RECEIVER = 'watchfloor';

/** One alert over its whole life; endsAt null while nothing has resolved it. */
export interface DemoAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt: number | null;
  generatorURL: string;
  fingerprint: string;
}

/** A fault as Prometheus sees it: on which segment it shows. */
export type ObservedFault = SimFault & { segment: string };

const STOPS_TRAFFIC = new Set(['drained', 'quarantined', 'paused']);

/**
 * Prometheus' label-set fingerprint: FNV-1a 64 over the sorted label names and values, each
 * followed by the 0xff separator, as 16 hex digits. Stable per label set, as Alertmanager's is.
 */
export function labelsFingerprint(labels: Record<string, string>): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  const eat = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * prime) & mask;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const byte of Buffer.from(name, 'utf8')) eat(byte);
    eat(0xff);
    for (const byte of Buffer.from(labels[name] ?? '', 'utf8')) eat(byte);
    eat(0xff);
  }
  return hash.toString(16).padStart(16, '0');
}

const generatorUrl = (expr: string): string =>
  `${PROMETHEUS_URL}/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=1`;

function alert(
  labels: Record<string, string>,
  summary: string,
  expr: string,
  startsAt: number,
  endsAt: number | null,
): DemoAlert {
  return {
    labels,
    annotations: { summary },
    startsAt,
    endsAt,
    generatorURL: generatorUrl(expr),
    fingerprint: labelsFingerprint(labels),
  };
}

/** When the fault's condition stops holding, or null while it still holds. */
function conditionEnd(fault: ObservedFault, state: EntitySimState | undefined): number | null {
  const trafficStopped =
    (fault.fault === 'errors' || fault.fault === 'latency') &&
    state !== undefined &&
    STOPS_TRAFFIC.has(state.state) &&
    state.changedAt !== null
      ? state.changedAt
      : null;
  const ends = [fault.clearedAt, trafficStopped].filter((t): t is number => t !== null);
  return ends.length > 0 ? Math.min(...ends) : null;
}

/** The saturation fault's queue passes the threshold this long after it starts (convex ramp). */
const saturatedAfter = (rampMs: number): number =>
  Math.round(rampMs * QUEUE_SATURATED_SHARE ** (2 / 3));

/** The alert a fault raises, or null when its condition never held for the `for:` period. */
export function faultAlert(fault: ObservedFault, state?: EntitySimState): DemoAlert | null {
  const { entity, segment } = fault;
  const instance = `instance="${entity}"`;
  const end = conditionEnd(fault, state);
  const fires = (
    holdsFrom: number,
    clearsAt: number | null,
    build: (e: number | null) => DemoAlert,
  ) => (clearsAt !== null && clearsAt < holdsFrom + ALERT_FOR_MS ? null : build(clearsAt));

  switch (fault.fault) {
    case 'errors': {
      const pct = Math.round((fault.errorRate ?? 0) * 100);
      return fires(fault.startedAt, end, (clearsAt) =>
        alert(
          { alertname: 'HighErrorRate', severity: 'critical', segment, entity },
          `${entity}: ${pct}% of requests failing (${fault.errorClass ?? 'errors'})`,
          `sum(rate(http_server_request_duration_seconds_count{${instance},http_response_status_code=~"5.."}[1m])) / sum(rate(http_server_request_duration_seconds_count{${instance}}[1m])) > 0.05`,
          fault.startedAt + ALERT_FOR_MS,
          clearsAt === null ? null : clearsAt + RATE_WINDOW_MS,
        ),
      );
    }
    case 'latency':
      return fires(fault.startedAt, end, (clearsAt) =>
        alert(
          { alertname: 'LatencyP95High', severity: 'warning', segment, entity },
          `${entity}: p95 latency ${fault.latencyFactor ?? 1}x its usual level`,
          `histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{${instance}}[1m]))) > 2 * histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{${instance}}[1m] offset 1d)))`,
          fault.startedAt + ALERT_FOR_MS,
          clearsAt === null ? null : clearsAt + RATE_WINDOW_MS,
        ),
      );
    case 'silent':
      return fires(fault.startedAt, end, (clearsAt) =>
        alert(
          { alertname: 'InstanceDown', severity: 'critical', segment, entity },
          `${entity} has sent nothing, heartbeats included`,
          `up{${instance}} == 0`,
          fault.startedAt + ALERT_FOR_MS,
          clearsAt === null ? null : clearsAt + SCRAPE_INTERVAL_MS,
        ),
      );
    case 'saturation': {
      const rampMs = fault.rampMs ?? 0;
      const holdsFrom = fault.startedAt + saturatedAfter(rampMs);
      let clearsAt: number | null = null;
      if (fault.clearedAt !== null) {
        // After the fault clears the backlog drains linearly from wherever it had reached.
        const fillAtClear = Math.min(
          1,
          Math.max(0, (fault.clearedAt - fault.startedAt) / Math.max(1, rampMs)) ** 1.5,
        );
        if (fillAtClear <= QUEUE_SATURATED_SHARE) return null;
        clearsAt = Math.round(
          fault.clearedAt + SATURATION_DRAIN_MS * (1 - QUEUE_SATURATED_SHARE / fillAtClear),
        );
      }
      return fires(holdsFrom, clearsAt, (ends) =>
        alert(
          { alertname: 'QueueSaturated', severity: 'warning', segment, entity },
          `${entity}: queue above ${Math.round(QUEUE_SATURATED_SHARE * 100)}% of its capacity`,
          `queue_depth{${instance}} / queue_capacity{${instance}} > ${QUEUE_SATURATED_SHARE}`,
          holdsFrom + ALERT_FOR_MS,
          ends === null ? null : ends + SCRAPE_INTERVAL_MS,
        ),
      );
    }
  }
}

/** Alerts for the faults on record (live and cleared) and for the historical incidents. */
export function demoAlerts(
  faults: readonly ObservedFault[],
  states: ReadonlyMap<string, EntitySimState>,
  anchorMs: number | null,
): DemoAlert[] {
  const fleet = fleetBySlug(DEMO_FLEET);
  const past: ObservedFault[] =
    anchorMs === null
      ? []
      : historicalFaults(anchorMs).map((fault) => ({
          ...fault,
          segment: fleet.get(fault.entity)?.segment.slug ?? 'unknown',
        }));
  return [...past, ...faults]
    .map((fault) => faultAlert(fault, states.get(fault.entity)))
    .filter((a): a is DemoAlert => a !== null);
}

/** The heartbeat alert that always fires while the alert pipeline works. */
export function watchdogAlert(name: string, sinceMs: number): DemoAlert {
  return alert(
    { alertname: name, severity: 'none' },
    'An alert that should always be firing to certify that Alertmanager is working properly.',
    'vector(1)',
    sinceMs,
    null,
  );
}

/** The alert as a notification sent at `now` carries it; null before it has started firing. */
export function alertAt(demo: DemoAlert, now: number): AlertmanagerAlert | null {
  if (demo.startsAt > now) return null;
  const resolved = demo.endsAt !== null && demo.endsAt <= now;
  return {
    status: resolved ? 'resolved' : 'firing',
    labels: demo.labels,
    annotations: demo.annotations,
    startsAt: new Date(demo.startsAt).toISOString(),
    endsAt: resolved && demo.endsAt !== null ? new Date(demo.endsAt).toISOString() : ZERO_TIME,
    generatorURL: demo.generatorURL,
    fingerprint: demo.fingerprint,
  };
}

const groupOf = (a: AlertmanagerAlert) => ({
  alertname: a.labels.alertname ?? '',
  ...(a.labels.segment ? { segment: a.labels.segment } : {}),
});

export type DemoWebhook = AlertmanagerWebhook & { alerts: AlertmanagerAlert[] };

/** Notifications as Alertmanager sends them with `group_by: [alertname, segment]`. */
export function webhookPayloads(alerts: readonly AlertmanagerAlert[]): DemoWebhook[] {
  const groups = new Map<string, AlertmanagerAlert[]>();
  for (const a of alerts) {
    const labels = groupOf(a);
    const key = `{}:{${Object.entries(labels)
      .map(([name, value]) => `${name}="${value}"`)
      .join(', ')}}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return [...groups].map(([groupKey, members]) => {
    const first = members[0] as AlertmanagerAlert;
    const common = (pick: (a: AlertmanagerAlert) => Record<string, string>) =>
      Object.fromEntries(
        Object.entries(pick(first)).filter(([name, value]) =>
          members.every((m) => pick(m)[name] === value),
        ),
      );
    const webhook: DemoWebhook = {
      version: '4',
      groupKey,
      truncatedAlerts: 0,
      status: members.some((m) => m.status === 'firing') ? 'firing' : 'resolved',
      receiver: RECEIVER,
      groupLabels: groupOf(first),
      commonLabels: common((a) => a.labels),
      commonAnnotations: common((a) => a.annotations),
      externalURL: ALERTMANAGER_URL,
      alerts: members,
    };
    return webhook;
  });
}
