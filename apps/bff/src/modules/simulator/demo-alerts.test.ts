import {
  AlertmanagerAlertSchema,
  AlertmanagerWebhookSchema,
  type AlertmanagerAlert,
} from '@watchfloor/shared/telemetry/alertmanager';
import { describe, expect, it } from 'vitest';
import {
  ALERT_FOR_MS,
  alertAt,
  demoAlerts,
  labelsFingerprint,
  RATE_WINDOW_MS,
  watchdogAlert,
  webhookPayloads,
  ZERO_TIME,
  type DemoAlert,
  type ObservedFault,
} from './demo-alerts.ts';
import {
  ERROR_SPIKE,
  HISTORICAL_INCIDENTS,
  LATENCY_REGRESSION,
  SATURATING_PIPELINE,
  SILENT_ENTITY,
} from './demo-scenario.ts';
import { DEMO_FLEET, fleetBySlug } from './fleet.ts';
import { ongoingScenarioFaults } from './scenario-faults.ts';
import type { EntitySimState } from './simulator-effects.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ANCHOR = Date.UTC(2025, 2, 12, 15, 0, 0);
const fleet = fleetBySlug(DEMO_FLEET);

/** The ongoing scripted faults as the simulation repository reads them back. */
const recorded = (anchorMs = ANCHOR): ObservedFault[] =>
  ongoingScenarioFaults(anchorMs).map(({ key: _key, ...fault }) => ({
    ...fault,
    segment: fleet.get(fault.entity)?.segment.slug ?? '',
  }));

const summary = (alerts: DemoAlert[]) =>
  alerts
    .map((a) => `${a.labels.alertname} ${a.labels.entity} ${a.endsAt === null ? 'open' : 'closed'}`)
    .sort();

describe('demo alerts', () => {
  it('raise one alert per faulty entity, as the matching rule would, starting two minutes into the fault', () => {
    const alerts = demoAlerts(recorded(), new Map(), ANCHOR);
    const expected = [
      ...ERROR_SPIKE.culprits.map((e) => `HighErrorRate ${e} open`),
      ...LATENCY_REGRESSION.entities.map((e) => `LatencyP95High ${e} open`),
      `InstanceDown ${SILENT_ENTITY.entity} open`,
      `QueueSaturated ${SATURATING_PIPELINE.entity} open`,
      ...HISTORICAL_INCIDENTS.flatMap((incident) =>
        incident.entities.map(
          (e) => `${incident.fault === 'errors' ? 'HighErrorRate' : 'LatencyP95High'} ${e} closed`,
        ),
      ),
    ].sort();
    expect(summary(alerts)).toEqual(expected);

    const spike = alerts.find(
      (a) => a.labels.entity === ERROR_SPIKE.culprits[0] && a.startsAt > ANCHOR - DAY,
    );
    expect(spike).toMatchObject({
      labels: {
        alertname: 'HighErrorRate',
        severity: 'critical',
        segment: ERROR_SPIKE.segment,
        entity: ERROR_SPIKE.culprits[0],
      },
      startsAt: ANCHOR + ERROR_SPIKE.startOffsetMs + ALERT_FOR_MS,
      endsAt: null,
    });
    expect(spike?.generatorURL).toMatch(/^http:\/\/prometheus\.demo\.invalid\/graph\?g0\.expr=/);
    expect(decodeURIComponent(spike?.generatorURL ?? '')).toContain(
      `instance="${ERROR_SPIKE.culprits[0]}"`,
    );
    // The queue alert waits for the queue to pass 90 % of its capacity, before it is full.
    const queue = alerts.find((a) => a.labels.alertname === 'QueueSaturated');
    expect(queue?.startsAt).toBeGreaterThan(ANCHOR + SATURATING_PIPELINE.climbStartOffsetMs);
    expect(queue?.startsAt).toBeLessThan(
      ANCHOR + SATURATING_PIPELINE.saturatedAtOffsetMs + ALERT_FOR_MS,
    );
    const [outage] = HISTORICAL_INCIDENTS;
    expect(alerts.find((a) => a.labels.entity === outage.entities[0])).toMatchObject({
      startsAt: ANCHOR + outage.startOffsetMs + ALERT_FOR_MS,
      endsAt: ANCHOR + outage.startOffsetMs + outage.durationMs + RATE_WINDOW_MS,
    });
  });

  it('are the same for the same faults and anchor, with one stable fingerprint per label set', () => {
    const alerts = demoAlerts(recorded(), new Map(), ANCHOR);
    expect(demoAlerts(recorded(), new Map(), ANCHOR)).toEqual(alerts);
    expect(new Set(alerts.map((a) => `${a.fingerprint} ${a.startsAt}`)).size).toBe(alerts.length);
    // The spike's forerunner raised the same alerts on the same instances: Prometheus gives a
    // recurring alert its old fingerprint, and only startsAt tells the episodes apart.
    const [culprit] = ERROR_SPIKE.culprits;
    const episodes = alerts.filter((a) => a.labels.entity === culprit);
    expect(episodes.map((a) => a.endsAt === null)).toEqual([false, true]);
    expect(new Set(episodes.map((a) => a.fingerprint)).size).toBe(1);
    expect(alerts.every((a) => /^[0-9a-f]{16}$/.test(a.fingerprint))).toBe(true);
    // Prometheus' FNV-1a: the empty set hashes to the offset basis; label order does not matter.
    expect(labelsFingerprint({})).toBe('cbf29ce484222325');
    expect(labelsFingerprint({ a: '1', b: '2' })).toBe(labelsFingerprint({ b: '2', a: '1' }));
    expect(labelsFingerprint({ a: '1', b: '2' })).not.toBe(labelsFingerprint({ a: '12', b: '' }));
  });

  it('resolve when the fault clears or an action stops the traffic the rule measures', () => {
    const clearedAt = ANCHOR + 10 * MINUTE;
    const drainedAt = ANCHOR + 20 * MINUTE;
    const [culprit] = ERROR_SPIKE.culprits;
    const slowed = LATENCY_REGRESSION.entities[0];
    const faults = recorded().map((f) => (f.entity === culprit ? { ...f, clearedAt } : f));
    const states = new Map<string, EntitySimState>([
      [slowed, { state: 'drained', changedAt: drainedAt }],
    ]);
    const alerts = demoAlerts(faults, states, ANCHOR);
    const spike = alerts.find((a) => a.labels.entity === culprit && a.startsAt > ANCHOR - DAY)!;
    const latency = alerts.find((a) => a.labels.entity === slowed)!;
    expect(spike.endsAt).toBe(clearedAt + RATE_WINDOW_MS);
    expect(latency.endsAt).toBe(drainedAt + RATE_WINDOW_MS);

    expect(alertAt(spike, clearedAt)).toMatchObject({ status: 'firing', endsAt: ZERO_TIME });
    expect(alertAt(spike, clearedAt + RATE_WINDOW_MS)).toMatchObject({
      status: 'resolved',
      startsAt: new Date(spike.startsAt).toISOString(),
      endsAt: new Date(clearedAt + RATE_WINDOW_MS).toISOString(),
      fingerprint: spike.fingerprint,
    });
    // Before its `for:` period is over nothing has fired yet.
    expect(alertAt(spike, spike.startsAt - 1)).toBeNull();

    // A fault cleared within the `for:` period never fires.
    const brief = recorded().map((f) =>
      f.entity === culprit ? { ...f, clearedAt: f.startedAt + ALERT_FOR_MS - 1 } : f,
    );
    expect(
      demoAlerts(brief, new Map(), ANCHOR).some(
        (a) => a.labels.entity === culprit && a.startsAt > ANCHOR - DAY,
      ),
    ).toBe(false);
  });

  it('travel as Alertmanager webhook v4 notifications grouped by alertname and segment', () => {
    const now = ANCHOR;
    const alerts = [...demoAlerts(recorded(), new Map(), ANCHOR), watchdogAlert('Watchdog', now)]
      .map((a) => alertAt(a, now))
      .filter((a) => a !== null);
    const payloads = webhookPayloads(alerts);
    expect(payloads.map((p) => p.groupKey).sort()).toEqual(
      [
        '{}:{alertname="Watchdog"}',
        `{}:{alertname="HighErrorRate", segment="${ERROR_SPIKE.segment}"}`,
        `{}:{alertname="HighErrorRate", segment="${HISTORICAL_INCIDENTS[0].segment}"}`,
        `{}:{alertname="LatencyP95High", segment="${LATENCY_REGRESSION.segment}"}`,
        `{}:{alertname="LatencyP95High", segment="${HISTORICAL_INCIDENTS[1].segment}"}`,
        `{}:{alertname="InstanceDown", segment="${SILENT_ENTITY.segment}"}`,
        `{}:{alertname="QueueSaturated", segment="${SATURATING_PIPELINE.segment}"}`,
      ].sort(),
    );
    for (const payload of payloads) {
      expect(AlertmanagerWebhookSchema.safeParse(payload).success).toBe(true);
      for (const alert of payload.alerts)
        expect(AlertmanagerAlertSchema.safeParse(alert).success).toBe(true);
    }
    const spike = payloads.find((p) => p.groupKey.includes(ERROR_SPIKE.segment))!;
    expect(spike).toMatchObject({
      version: '4',
      status: 'firing',
      truncatedAlerts: 0,
      commonLabels: { alertname: 'HighErrorRate', severity: 'critical', segment: 'checkout-eu' },
    });
    // Today's two firing alerts, and the two its forerunner raised nine days ago, resolved.
    const spikeAlerts: AlertmanagerAlert[] = spike.alerts;
    expect(spikeAlerts.map((a) => [a.labels.entity, a.status]).sort()).toEqual(
      ERROR_SPIKE.culprits.flatMap((e) => [
        [e, 'firing'],
        [e, 'resolved'],
      ]),
    );
    const past = payloads.find((p) => p.groupKey.includes(HISTORICAL_INCIDENTS[0].segment))!;
    expect(past.status).toBe('resolved');
  });
});
