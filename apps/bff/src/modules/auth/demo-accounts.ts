import type { Pool } from '../../db/pool.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createIngestToken } from './ingest-token.service.ts';
import { findPasswordHash, upsertUser, type Role } from './users.repository.ts';

/**
 * Demo users: one per role, a second operator and approver for four-eyes journeys, three admins for
 * policy changes (a proposer and two approvers), and an operator and approver of team-payments
 * only. Everyone else is fleet-wide.
 */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  roles: Role[];
  teams?: string[];
}[] = [
  { username: 'operator', displayName: 'Olivia Operator', roles: ['operator'] },
  { username: 'operator2', displayName: 'Omar Operator', roles: ['operator'] },
  { username: 'approver', displayName: 'Ada Approver', roles: ['approver'] },
  { username: 'approver2', displayName: 'Arne Approver', roles: ['approver'] },
  {
    username: 'payments-operator',
    displayName: 'Pia Payments',
    roles: ['operator'],
    teams: ['team-payments'],
  },
  {
    username: 'payments-approver',
    displayName: 'Paul Payments',
    roles: ['approver'],
    teams: ['team-payments'],
  },
  { username: 'manager', displayName: 'Mia Manager', roles: ['manager'] },
  { username: 'admin', displayName: 'Alex Admin', roles: ['admin'] },
  { username: 'admin2', displayName: 'Aiko Admin', roles: ['admin'] },
  { username: 'admin3', displayName: 'Amir Admin', roles: ['admin'] },
];

export const DEMO_TOKEN_NAME = 'demo-ingest';

/** Creates or refreshes the demo users and the demo ingest token; idempotent across restarts. */
export async function ensureDemoAccounts(
  pool: Pool,
  password: string,
  ingestToken: string,
): Promise<void> {
  const now = Date.now();
  for (const user of DEMO_USERS) {
    const existing = await findPasswordHash(pool, user.username);
    const passwordHash =
      existing && (await verifyPassword(password, existing))
        ? existing
        : await hashPassword(password);
    await upsertUser(pool, { ...user, passwordHash }, now);
  }
  await createIngestToken(pool, DEMO_TOKEN_NAME, ingestToken);
}
