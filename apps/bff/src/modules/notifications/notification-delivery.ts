import { randomUUID } from 'node:crypto';
import type { NotificationBody } from '@watchfloor/shared/notifications';
import type { Pool } from '../../db/pool.ts';
import { retryStatement } from '../../db/retry-transaction.ts';
import type { Logger } from '../../logger.ts';
import {
  claimNotification,
  dueNotificationIds,
  markDueUnconfigured,
  pruneSettledNotifications,
  recordAttempt,
  type OutboxRow,
} from './notification-outbox.repository.ts';
import { notificationHeaders } from './notification-signature.ts';

export interface NotifierConfig {
  /** WATCHFLOOR_NOTIFY_URL, split; empty: due rows are closed as `unconfigured`. */
  urls: readonly string[];
  /** WATCHFLOOR_NOTIFY_SECRET; required whenever `urls` is not empty. */
  secret: string;
  /** Base URL of the SPA the `link` points into. */
  publicUrl: string;
  timeoutMs?: number;
  logger?: Logger;
  fetch?: typeof fetch;
}

/** Attempts per notification before it is marked failed. */
export const MAX_ATTEMPTS = 8;
/** Delay after the n-th failed attempt: 10 s · 2^(n-1), at most 1 h (10 s, 20 s … 640 s: ~21 min in all). */
export const retryDelayMs = (failedAttempts: number) =>
  Math.min(10_000 * 2 ** (failedAttempts - 1), 3_600_000);
/** How long a claim holds a row: longer than one attempt at every URL can take. */
const LEASE_MS = 60_000;
const BATCH = 50;

export interface DeliveryPass {
  delivered: number;
  retrying: number;
  failed: number;
  unconfigured: number;
}

function bodyOf(row: OutboxRow, publicUrl: string): string {
  const body: NotificationBody = {
    id: row.id,
    type: row.payload.type,
    action: row.payload.action,
    link: `${publicUrl.replace(/\/+$/, '')}/actions/${row.actionId}`,
    text: row.payload.text,
    occurredAt: row.createdAt,
  };
  return JSON.stringify(body);
}

/** POSTs to one URL; null when it answered 2xx, else what went wrong. */
async function post(config: NotifierConfig, url: string, row: OutboxRow, body: string) {
  const timeoutMs = config.timeoutMs ?? 5_000;
  try {
    const response = await (config.fetch ?? fetch)(url, {
      method: 'POST',
      headers: notificationHeaders(config.secret, row.id, body, Date.now()),
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text()).slice(0, 200);
    return response.ok ? null : `${url}: HTTP ${response.status}${text ? ` ${text}` : ''}`;
  } catch (error) {
    const name = (error as Error).name;
    const why =
      name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${timeoutMs} ms`
        : (error as Error).message;
    return `${url}: ${why}`;
  }
}

/** Sends a claimed row to every URL that has not yet answered 2xx, and records the attempt. */
async function attempt(pool: Pool, config: NotifierConfig, row: OutboxRow, token: string) {
  const body = bodyOf(row, config.publicUrl);
  const deliveredTo = row.deliveredTo.filter((url) => config.urls.includes(url));
  const problems: string[] = [];
  for (const url of config.urls) {
    if (deliveredTo.includes(url)) continue;
    const problem = await post(config, url, row, body);
    if (problem) problems.push(problem);
    else deliveredTo.push(url);
  }
  const failedAttempts = row.attempts + 1;
  const delivered = problems.length === 0;
  // Conditional on this claim's token, so running it again after a refused commit is harmless.
  await retryStatement(pool, (p) =>
    recordAttempt(p, row.id, token, {
      deliveredTo,
      delivered,
      error: delivered ? null : problems.join('; '),
      retryInMs: failedAttempts >= MAX_ATTEMPTS ? null : retryDelayMs(failedAttempts),
    }),
  );
  if (delivered) return 'delivered';
  config.logger?.warn({ notification: row.id, problems }, 'notification delivery failed');
  return failedAttempts >= MAX_ATTEMPTS ? 'failed' : 'retrying';
}

/**
 * One pass over the due rows. Each is claimed first (a conditional update by database time), so
 * several BFF processes may run passes at once and a row is sent by one of them at a time. A row
 * is marked delivered only after every URL answered 2xx: a process killed before that leaves it
 * pending, and the next pass after the claim lapses sends it again with the same id.
 */
export async function deliverDueNotifications(
  pool: Pool,
  config: NotifierConfig,
): Promise<DeliveryPass> {
  const pass: DeliveryPass = { delivered: 0, retrying: 0, failed: 0, unconfigured: 0 };
  if (config.urls.length === 0) {
    pass.unconfigured = await markDueUnconfigured(pool);
    return pass;
  }
  const token = randomUUID();
  for (const id of await dueNotificationIds(pool, BATCH)) {
    // The claim is a conditional UPDATE: on Galera two nodes may both see 1 row, and only the one
    // that commits holds it; the loser's retry finds the row claimed and skips it.
    const row = await retryStatement(pool, (p) => claimNotification(p, id, token, LEASE_MS));
    if (!row) continue;
    pass[await attempt(pool, config, row, token)] += 1;
  }
  return pass;
}

/** Settled rows (delivered, failed, unconfigured) are kept this long for admins to look at. */
export const RETENTION_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** Runs passes on a timer (and prunes settled rows hourly); the returned stop waits for a pass in progress. */
export function startNotifier(
  pool: Pool,
  config: NotifierConfig,
  everyMs = 2_000,
): () => Promise<void> {
  let current: Promise<unknown> | null = null;
  let prunedAt = 0;
  const pass = async () => {
    await deliverDueNotifications(pool, config);
    // Process time only paces the pruning; which rows go is judged by database time.
    if (Date.now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = Date.now();
    await pruneSettledNotifications(pool, RETENTION_MS);
  };
  const timer = setInterval(() => {
    if (current) return;
    current = pass()
      .catch((error: unknown) => config.logger?.error({ err: error }, 'notification pass failed'))
      .finally(() => (current = null));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
