import {
  AlertmanagerAlertSchema,
  type AlertmanagerAlert,
  type AlertWebhookResult,
} from '@watchfloor/shared/telemetry/alertmanager';
import { fieldIssues } from '@watchfloor/shared/errors';
import type { AlertingConfig } from './alerting-config.ts';
import type { EpisodeRecord } from './alert-episodes.repository.ts';

export type AlertRejection = AlertWebhookResult['rejected'][number];

/** What one valid alert asks for: a heartbeat, or an episode opened or closed. */
export type AlertIntent =
  | { kind: 'heartbeat'; name: string; firing: boolean }
  | { kind: 'firing'; episode: EpisodeRecord }
  | { kind: 'resolved'; episode: EpisodeRecord; endsAt: number };

// RFC 3339 as Go writes it: up to nanoseconds, `Z` or an offset. Read to the millisecond.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;
/** Go's zero time: what Alertmanager sends as `endsAt` of an alert with no end yet. */
const GO_ZERO_YEAR = 1;
const TEXT_COLUMN_BYTES = 65_535;

/** Epoch milliseconds of an RFC 3339 time, or null when it is not one. */
export function parseAlertTime(text: string): number | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const millis = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
  const zone = m[8]!.toUpperCase();
  const ts = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${millis}${zone}`);
  return Number.isFinite(ts) ? ts : null;
}

const isZeroTime = (text: string) => Number(text.slice(0, 4)) === GO_ZERO_YEAR;

const firstLabel = (labels: Record<string, string>, names: readonly string[]) => {
  for (const name of names) {
    const value = labels[name];
    if (value !== undefined && value !== '') return value.slice(0, 256);
  }
  return null;
};

const clip = (text: string | undefined, max: number) =>
  text === undefined || text === '' ? null : text.slice(0, max);

/**
 * Judges one alert of a notification alone: a rejection naming the field, or what to store. The
 * segment and entity are the first configured labels present; neither: the alert is fleet-wide.
 */
export function judgeAlert(
  item: unknown,
  index: number,
  config: AlertingConfig,
): AlertRejection | AlertIntent {
  const parsed = AlertmanagerAlertSchema.safeParse(item);
  const fingerprint = (item as { fingerprint?: unknown } | null)?.fingerprint;
  const reject = (field: string, message: string): AlertRejection => ({
    index,
    ...(typeof fingerprint === 'string' ? { fingerprint } : {}),
    field,
    message,
  });
  if (!parsed.success) {
    const issue = fieldIssues(parsed.error.issues)[0]!;
    return reject(issue.field, issue.message);
  }
  const alert: AlertmanagerAlert = parsed.data;
  const alertname = alert.labels.alertname;
  if (Object.keys(alert.labels).length === 0) return reject('labels', 'an alert needs labels');
  if (!alertname) return reject('labels.alertname', 'an alert needs an alertname label');
  if (alertname.length > 256) return reject('labels.alertname', 'longer than 256 characters');
  const startsAt = parseAlertTime(alert.startsAt);
  if (startsAt === null) return reject('startsAt', 'not an RFC 3339 time');
  if (alertname === config.heartbeatAlertname) {
    return { kind: 'heartbeat', name: alertname, firing: alert.status === 'firing' };
  }
  const labels = JSON.stringify(alert.labels);
  const annotations = JSON.stringify(alert.annotations);
  if (Buffer.byteLength(labels) > TEXT_COLUMN_BYTES) return reject('labels', 'larger than 64 KiB');
  if (Buffer.byteLength(annotations) > TEXT_COLUMN_BYTES) {
    return reject('annotations', 'larger than 64 KiB');
  }
  const episode: EpisodeRecord = {
    fingerprint: alert.fingerprint,
    startsAt,
    alertname,
    severity: clip(alert.labels.severity, 64),
    summary: clip(alert.annotations.summary || alert.annotations.description || alertname, 1024),
    labels,
    annotations: Object.keys(alert.annotations).length > 0 ? annotations : null,
    generatorUrl: clip(alert.generatorURL, 2_000),
    segmentKey: firstLabel(alert.labels, config.segmentLabels),
    entityKey: firstLabel(alert.labels, config.entityLabels),
  };
  if (alert.status === 'firing') return { kind: 'firing', episode };
  const endsAt = isZeroTime(alert.endsAt) ? null : parseAlertTime(alert.endsAt);
  if (endsAt === null) return reject('endsAt', 'a resolved alert needs an RFC 3339 end time');
  if (endsAt < startsAt) return reject('endsAt', 'earlier than startsAt');
  return { kind: 'resolved', episode, endsAt };
}
