import type { AlertmanagerAlert } from '@watchfloor/shared/telemetry/alertmanager';
import { CHANGES_MAX_ITEMS } from '@watchfloor/shared/telemetry/changes';
import type { Pool } from '../../db/pool.ts';
import { demoAlerts, alertAt, watchdogAlert, webhookPayloads } from './demo-alerts.ts';
import { demoChanges } from './demo-changes.ts';
import { DAY_MS } from './density.ts';
import type { PostFailure } from './ingest-client.ts';
import { scenarioAnchor } from './scenario-faults.ts';
import { postAlerts, postChanges } from './signals-client.ts';
import { entityStates, faultHistory } from './simulation.repository.ts';

export interface DemoSignalsOptions {
  pool: Pool;
  baseUrl: string;
  token: string;
  seed: number;
  /** How far back from the scenario's anchor changes and alerts are reported (the seeded days). */
  historyDays: number;
  /** alertname of the always-firing heartbeat alert. */
  heartbeatName?: string;
  /** A firing alert is notified again this long after its last notification (repeat_interval). */
  repeatMs?: number;
  postAlerts?: typeof postAlerts;
  postChanges?: typeof postChanges;
}

export interface DemoSignalsStats {
  notifications: number;
  alertsRejected: number;
  changesAccepted: number;
  changesDuplicates: number;
  changesRejected: number;
  failures: number;
}

const DEFAULT_REPEAT_MS = 5 * 60_000;

/**
 * The demo fleet's alerts and changes, delivered through the public endpoints as Alertmanager and
 * a CI system would: each cycle reports the changes made since the last one (everything since the
 * start of the history on the first) and notifies the alerts that started, resolved or are due a
 * repeat, plus the Watchdog heartbeat. Everything is derived from the seed, the scenario's anchor
 * and the faults on record, and both endpoints are idempotent, so a restart repeats nothing.
 */
export class DemoSignals {
  readonly stats: DemoSignalsStats = {
    notifications: 0,
    alertsRejected: 0,
    changesAccepted: 0,
    changesDuplicates: 0,
    changesRejected: 0,
    failures: 0,
  };
  private readonly options: Required<DemoSignalsOptions>;
  /** Start of the window of changes not yet reported; null before the first cycle. */
  private changesFrom: number | null = null;
  /** Last notification per episode (fingerprint + startsAt). */
  private readonly notified = new Map<string, { status: string; at: number }>();
  private watchdogSince: number | null = null;

  constructor(options: DemoSignalsOptions) {
    this.options = {
      heartbeatName: 'Watchdog',
      repeatMs: DEFAULT_REPEAT_MS,
      postAlerts,
      postChanges,
      ...options,
    };
  }

  /** One round of reporting at `now`; returns the failure that cut it short, if any. */
  async cycle(now: number, signal?: AbortSignal): Promise<PostFailure | null> {
    const { pool, baseUrl, token, seed, historyDays } = this.options;
    const [faults, states] = await Promise.all([faultHistory(pool), entityStates(pool)]);
    const anchor = scenarioAnchor(faults);
    const historyFrom = (anchor ?? now) - historyDays * DAY_MS;

    const changes = demoChanges(seed, anchor, this.changesFrom ?? historyFrom, now + 1);
    for (let i = 0; i < changes.length; i += CHANGES_MAX_ITEMS) {
      const outcome = await this.options.postChanges(
        baseUrl,
        token,
        changes.slice(i, i + CHANGES_MAX_ITEMS),
        signal,
      );
      if (!outcome.ok) return this.failed(outcome);
      this.stats.changesAccepted += outcome.result.accepted;
      this.stats.changesDuplicates += outcome.result.duplicates;
      this.stats.changesRejected += outcome.result.rejected.length;
    }
    this.changesFrom = now + 1;

    this.watchdogSince ??= now;
    const due: AlertmanagerAlert[] = [];
    for (const demo of demoAlerts(faults, states, anchor)) {
      const alert = demo.startsAt >= historyFrom ? alertAt(demo, now) : null;
      if (!alert) continue;
      const last = this.notified.get(`${alert.fingerprint} ${alert.startsAt}`);
      if (
        !last ||
        last.status !== alert.status ||
        (alert.status === 'firing' && now - last.at >= this.options.repeatMs)
      )
        due.push(alert);
    }
    const watchdog = alertAt(watchdogAlert(this.options.heartbeatName, this.watchdogSince), now);
    if (watchdog) due.push(watchdog);
    for (const webhook of webhookPayloads(due)) {
      const outcome = await this.options.postAlerts(baseUrl, token, webhook, signal);
      if (!outcome.ok) return this.failed(outcome);
      this.stats.notifications += 1;
      this.stats.alertsRejected += outcome.result.rejected.length;
      for (const alert of webhook.alerts)
        this.notified.set(`${alert.fingerprint} ${alert.startsAt}`, {
          status: alert.status,
          at: now,
        });
    }
    return null;
  }

  private failed(outcome: PostFailure): PostFailure {
    this.stats.failures += 1;
    return outcome;
  }
}
