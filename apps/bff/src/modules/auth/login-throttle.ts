import { randomBytes } from 'node:crypto';
import type { Pool } from '../../db/pool.ts';
import { retryStatement } from '../../db/retry-transaction.ts';
import { AppError } from '../../http/app-error.ts';
import type { AuthConfig } from './auth-config.ts';
import {
  countLoginFailures,
  deleteLoginAttempt,
  recordLoginAttempt,
} from './session.repository.ts';

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

/** A sign-in counted against its budgets; released when it turns out not to be a failure. */
export interface LoginAttempt {
  /** The password was right: the attempt is no failure. */
  release(): Promise<void>;
}

type Budget = ReturnType<typeof throttleKeys>[number];
type Usage = Awaited<ReturnType<typeof countLoginFailures>>;

/**
 * The budgets whose count in the window is at their limit: before this sign-in is recorded, or,
 * with its `attempt`, counting only what arrived before it (its own row left out).
 */
async function spentBudgets(
  pool: Pool,
  budgets: Budget[],
  since: number,
  attempt?: string,
): Promise<Usage[]> {
  const own = attempt === undefined ? 0 : 1;
  const usages = await Promise.all(
    budgets.map(({ key }) => countLoginFailures(pool, key, since, attempt)),
  );
  return usages.filter((usage, i) => usage.count - own >= budgets[i]!.max);
}

function tooManyAttempts(spent: Usage[], config: AuthConfig, now: number): AppError {
  const retryAt = Math.max(...spent.map((usage) => (usage.oldest ?? now) + config.loginWindowMs));
  return new AppError(
    429,
    'rate_limited',
    'Too many failed sign-in attempts; try again later',
    undefined,
    { 'Retry-After': String(Math.max(1, Math.ceil((retryAt - now) / 1000))) },
  );
}

/**
 * Counts the sign-in against every budget before its password is checked, or throws 429 with
 * Retry-After when any budget is spent. A refused sign-in leaves nothing counted (a refusal is no
 * failure), so a flood from a spent address adds no rows. Counting before the check means guesses
 * sent all at once are ranked by arrival: no more passwords are checked than the budget allows,
 * where checking first had let every one of a burst through, and a burst of right passwords
 * within the budget all go through.
 */
export async function reserveLoginAttempt(
  deps: { pool: Pool; config: AuthConfig },
  username: string,
  clientAddress: string,
  now: number,
): Promise<LoginAttempt> {
  const { config, pool } = deps;
  const budgets = throttleKeys(config, username, clientAddress);
  const since = now - config.loginWindowMs;
  const spent = await spentBudgets(pool, budgets, since);
  if (spent.length > 0) throw tooManyAttempts(spent, config, now);

  const attempt = randomBytes(16).toString('hex');
  const keys = budgets.map(({ key }) => key);
  await retryStatement(pool, (p) => recordLoginAttempt(p, keys, now, attempt));
  const release = () => retryStatement(pool, (p) => deleteLoginAttempt(p, attempt));
  // Attempts that arrived just before this one are counted now; over the limit, this one yields.
  const overtaken = await spentBudgets(pool, budgets, since, attempt);
  if (overtaken.length === 0) return { release };
  await release();
  throw tooManyAttempts(overtaken, config, now);
}
