import type { Pool } from '../../db/pool.ts';
import { retryStatement } from '../../db/retry-transaction.ts';
import { AppError } from '../../http/app-error.ts';
import type { AuthConfig } from './auth-config.ts';
import { countLoginFailures, recordLoginFailure } from './session.repository.ts';

/**
 * The failure budgets a sign-in is checked against, over one sliding window (loginWindowMs):
 * - the (account, client address) pair: the tight limit, so guessing from one place stops soon
 *   while the account's owner, elsewhere, still signs in;
 * - the client address across accounts: one place cannot spray many accounts;
 * - the account across all addresses: a much higher backstop against a guesser spread over many
 *   addresses (it can lock the account, but only with that many addresses and failures).
 * Counts live in the database (login_failures), so every BFF process sees the same ones.
 */
function throttleKeys(config: AuthConfig, username: string, clientAddress: string) {
  const account = username.toLowerCase();
  return [
    { key: `pair:${account}|${clientAddress}`, max: config.maxFailuresPerAccountAddress },
    { key: `address:${clientAddress}`, max: config.maxFailuresPerAddress },
    { key: `account:${account}`, max: config.maxFailuresPerAccount },
  ];
}

/** Throws 429 with Retry-After when any budget of this sign-in is spent; checked before the password. */
export async function requireLoginBudget(
  deps: { pool: Pool; config: AuthConfig },
  username: string,
  clientAddress: string,
  now: number,
): Promise<void> {
  const { config } = deps;
  const budgets = throttleKeys(config, username, clientAddress);
  const since = now - config.loginWindowMs;
  const usages = await Promise.all(
    budgets.map(({ key }) => countLoginFailures(deps.pool, key, since)),
  );
  const spent = usages.filter((usage, i) => usage.count >= budgets[i]!.max);
  if (spent.length === 0) return;
  const retryAt = Math.max(...spent.map((usage) => (usage.oldest ?? now) + config.loginWindowMs));
  throw new AppError(
    429,
    'rate_limited',
    'Too many failed sign-in attempts; try again later',
    undefined,
    { 'Retry-After': String(Math.max(1, Math.ceil((retryAt - now) / 1000))) },
  );
}

/** Counts one failed sign-in against every budget it was checked against. */
export async function recordLoginFailureAgainstBudgets(
  deps: { pool: Pool; config: AuthConfig },
  username: string,
  clientAddress: string,
  now: number,
): Promise<void> {
  const keys = throttleKeys(deps.config, username, clientAddress).map(({ key }) => key);
  await retryStatement(deps.pool, (pool) => recordLoginFailure(pool, keys, now));
}
