import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';

/**
 * Telemetry a journey sends as real senders would: change events as a CI pipeline posts them, and
 * Alertmanager's webhook payload (version 4) as Alertmanager delivers it, through the public
 * ingest API with an ingest token.
 */
const iso = (ts: number) => new Date(ts).toISOString();
/** Alertmanager's "no end yet" time in a firing notification. */
const NO_END = '0001-01-01T00:00:00Z';

async function post(baseURL: string, token: string, route: string, body: unknown) {
  const response = await fetch(new URL(route, baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, `${route} answered ${response.status}: ${text}`).toBe(200);
  return (JSON.parse(text) as { data: Record<string, unknown> }).data;
}

export interface Change {
  id: string;
  type: 'deploy' | 'config' | 'flag' | 'infra' | 'other';
  title: string;
  url?: string;
  start: number;
  end?: number;
  segment?: string;
  entity?: string;
}

/** POSTs change events and checks each was accepted (or already known). */
export async function sendChanges(baseURL: string, token: string, changes: readonly Change[]) {
  const data = await post(baseURL, token, '/api/v1/ingest/changes', {
    changes: changes.map((c) => ({
      ...c,
      start: iso(c.start),
      ...(c.end === undefined ? {} : { end: iso(c.end) }),
    })),
  });
  expect(data.rejected).toEqual([]);
  expect(Number(data.accepted) + Number(data.duplicates)).toBe(changes.length);
}

export interface Alert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  generatorURL: string;
  /** Alertmanager's fingerprint of the label set: one per alert, kept across notifications. */
  fingerprint: string;
}

/** An alert with the labels that map it to one entity of one segment. */
export function entityAlert(segment: string, entity: string, startsAt: number): Alert {
  return {
    labels: { alertname: 'HighErrorRate', severity: 'critical', segment, entity },
    annotations: { summary: `Error ratio of ${entity} above 5 %` },
    startsAt,
    generatorURL: `http://prometheus.example:9090/graph?g0.expr=error_ratio%7Bentity%3D%22${entity}%22%7D`,
    fingerprint: randomBytes(8).toString('hex'),
  };
}

/**
 * Delivers one Alertmanager webhook notification (version 4) for the alert, firing or resolved
 * (then ending at `endsAt`), and returns what the server made of it.
 */
export async function sendAlertNotification(
  baseURL: string,
  token: string,
  alert: Alert,
  status: 'firing' | 'resolved',
  endsAt?: number,
): Promise<Record<string, unknown>> {
  const data = await post(baseURL, token, '/api/v1/ingest/alertmanager', {
    version: '4',
    groupKey: `{}:{alertname="${alert.labels.alertname}"}`,
    truncatedAlerts: 0,
    status,
    receiver: 'watchfloor',
    groupLabels: { alertname: alert.labels.alertname },
    commonLabels: alert.labels,
    commonAnnotations: alert.annotations,
    externalURL: 'http://alertmanager.example:9093',
    alerts: [
      {
        status,
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: iso(alert.startsAt),
        endsAt: status === 'resolved' && endsAt !== undefined ? iso(endsAt) : NO_END,
        generatorURL: alert.generatorURL,
        fingerprint: alert.fingerprint,
      },
    ],
  });
  expect(data.rejected).toEqual([]);
  return data;
}

/** A W3C trace id (32 hex digits), as an OpenTelemetry SDK makes. */
export const newTraceId = () => randomBytes(16).toString('hex');

/** Ingests one request event carrying the trace it belongs to, as an instrumented service would. */
export async function sendTracedEvent(
  baseURL: string,
  token: string,
  event: { id: string; ts: number; segment: string; entity: string; traceId: string },
): Promise<void> {
  const data = await post(baseURL, token, '/api/v1/ingest/events', {
    events: [{ ...event, kind: 'request', status: 'ok', latencyMs: 42 }],
  });
  expect(data.rejected).toEqual([]);
  expect(Number(data.accepted) + Number(data.duplicates)).toBe(1);
}
