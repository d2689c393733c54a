import type {
  AlertmanagerWebhook,
  AlertWebhookResult,
} from '@watchfloor/shared/telemetry/alertmanager';
import { withTransaction, type Pool, type PoolConnection } from '../../db/pool.ts';
import type { AlertingConfig } from './alerting-config.ts';
import { openEpisode, resolveEpisode } from './alert-episodes.repository.ts';
import { touchHeartbeat } from './alert-heartbeats.repository.ts';
import { judgeAlert, type AlertIntent, type AlertRejection } from './alert-mapping.ts';

export interface AlertWebhookDeps {
  pool: Pool;
  alerting: AlertingConfig;
}

/**
 * READ COMMITTED, so a duplicate notification running at the same moment waits on the row it
 * would insert rather than on a gap; a deadlock victim (or certification loser) was rolled back
 * whole and withTransaction runs it again.
 */
function inTransaction<T>(pool: Pool, fn: (conn: PoolConnection) => Promise<T>) {
  return withTransaction(pool, fn, 'READ COMMITTED');
}

async function apply(
  conn: PoolConnection,
  intent: AlertIntent,
): Promise<'opened' | 'resolved' | 'unchanged'> {
  switch (intent.kind) {
    case 'heartbeat':
      if (intent.firing) await touchHeartbeat(conn, intent.name);
      return 'unchanged';
    case 'firing':
      return (await openEpisode(conn, intent.episode)) ? 'opened' : 'unchanged';
    case 'resolved':
      return (await resolveEpisode(conn, intent.episode, intent.endsAt)) ? 'resolved' : 'unchanged';
  }
}

const intentKey = (intent: AlertIntent) =>
  intent.kind === 'heartbeat'
    ? `0 ${intent.name}`
    : `1 ${intent.episode.fingerprint} ${intent.episode.startsAt}`;

/**
 * Stores one Alertmanager notification in one transaction: each alert is judged alone (a bad one
 * is listed, the rest stored); firing opens its episode, resolved closes it, anything already so
 * changes nothing. A heartbeat alert opens no episode; it records that the pipeline is alive.
 */
export async function receiveAlerts(
  deps: AlertWebhookDeps,
  webhook: AlertmanagerWebhook,
): Promise<AlertWebhookResult> {
  const rejected: AlertRejection[] = [];
  const intents: AlertIntent[] = [];
  webhook.alerts.forEach((item, index) => {
    const verdict = judgeAlert(item, index, deps.alerting);
    if ('field' in verdict) rejected.push(verdict);
    else intents.push(verdict);
  });
  // One lock order for every notification, so two notifications sharing alerts cannot deadlock.
  intents.sort((a, b) => intentKey(a).localeCompare(intentKey(b)));
  const counts = { opened: 0, resolved: 0, unchanged: 0 };
  if (intents.length > 0) {
    await inTransaction(deps.pool, async (conn) => {
      counts.opened = counts.resolved = counts.unchanged = 0;
      for (const intent of intents) counts[await apply(conn, intent)] += 1;
    });
  }
  return { ...counts, rejected };
}
