import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import {
  ActionPolicySchema,
  DEFAULT_ACTION_POLICY,
  type ActionPolicy,
} from '@watchfloor/shared/actions/policy';
import { ACTION_TYPES } from '@watchfloor/shared/actions/catalogue';
import { withTransaction, type Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { appendAudit } from '../audit/audit.service.ts';
import {
  InMemoryPolicySource,
  policyVersion,
  type PolicySnapshot,
  type PolicySource,
} from '../actions/policy/policy-source.ts';
import {
  insertVersion,
  readHead,
  readHeadVersion,
  seedHead,
  type HeadRecord,
} from './policy-versions.repository.ts';

/** Every catalogue type, disabled: what a stored version says of types it does not name. */
const DISABLED_TYPES = Object.fromEntries(
  ACTION_TYPES.map((type) => [type, { ...DEFAULT_ACTION_POLICY.types[type], enabled: false }]),
);

/** How often a process re-reads the active version, so one that did not activate a change converges. */
export const POLICY_REFRESH_MS = 5_000;

export interface PolicySeed {
  policy: ActionPolicy;
  /** Where the seed came from: the policy file's path, or `default`. */
  from: string;
}

/**
 * A stored version as a snapshot; the stored hash is the version, whatever the schema adds since.
 * An action type added to the catalogue after the version was stored is disabled under it: a
 * release never enables a type nobody approved, nor stops the server over a policy it predates.
 */
export function snapshotOf(version: string, policyText: string): PolicySnapshot {
  const stored = JSON.parse(policyText) as { types?: Record<string, unknown> };
  const types = { ...DISABLED_TYPES, ...(stored.types ?? {}) };
  const parsed = ActionPolicySchema.safeParse({ ...stored, types });
  if (!parsed.success)
    throw new Error(`Stored policy version ${version.slice(0, 12)} no longer validates`);
  return { policy: parsed.data, version };
}

/**
 * The active policy version from the database, held in memory so `current()` stays synchronous.
 * This process swaps it at once when it activates a change (`adopt`); every process also re-reads
 * the head every few seconds, so a second BFF converges on what another activated.
 */
export class DatabasePolicySource implements PolicySource {
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly pool: Pool,
    private snapshot: PolicySnapshot,
    private readonly logger?: Logger,
  ) {}

  /**
   * Loads the active version, seeding it from `seed` (the policy file or the default) when none
   * is active yet. Once one is active the database wins: a different file only earns a warning,
   * because changing policy is a reviewed change now.
   */
  static async open(pool: Pool, seed: PolicySeed, logger?: Logger): Promise<DatabasePolicySource> {
    const seedVersion = policyVersion(seed.policy);
    let head = await readHead(pool);
    if (!head) {
      await seedActiveVersion(pool, seed, seedVersion);
      head = (await readHead(pool))!;
    }
    if (seed.from !== 'default' && head.version !== seedVersion)
      logger?.warn(
        { fileVersion: seedVersion, activeVersion: head.version, file: seed.from },
        `The policy file (${seedVersion.slice(0, 12)}) differs from the active version (${head.version.slice(0, 12)}); the database wins. Propose the change through /api/v1/policy/changes.`,
      );
    return new DatabasePolicySource(pool, toSnapshot(head), logger);
  }

  current(): PolicySnapshot {
    return this.snapshot;
  }

  /** Takes a version this process just activated (after its transaction committed). */
  adopt(snapshot: PolicySnapshot): void {
    this.snapshot = snapshot;
  }

  /** Re-reads the active version; true when it changed. */
  async refresh(): Promise<boolean> {
    const version = await readHeadVersion(this.pool);
    if (version === null || version === this.snapshot.version) return false;
    const head = await readHead(this.pool);
    if (!head) return false;
    this.snapshot = toSnapshot(head);
    this.logger?.info({ version: head.version }, 'adopted the active policy version');
    return true;
  }

  /** Refreshes every `everyMs` until stopped; the timer never keeps the process alive. */
  start(everyMs = POLICY_REFRESH_MS): () => void {
    this.timer ??= setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger?.warn(
          { err: { message: (error as Error).message } },
          'policy refresh failed; keeping the version held',
        ),
      );
    }, everyMs);
    this.timer.unref();
    return () => this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** Makes the version this process activated current for the actions module (either kind of source). */
export function adoptActivated(source: PolicySource, snapshot: PolicySnapshot): void {
  if (source instanceof DatabasePolicySource) source.adopt(snapshot);
  // Tests run the actions module with an in-memory source; it takes the same policy.
  else if (source instanceof InMemoryPolicySource) source.replace(snapshot.policy);
}

async function seedActiveVersion(pool: Pool, seed: PolicySeed, version: string): Promise<void> {
  await withTransaction(pool, async (conn) => {
    await insertVersion(conn, version, canonicalJson(seed.policy));
    // Several processes may boot at once: the INSERT IGNORE picks one seed, audited once.
    if (!(await seedHead(conn, version))) return;
    await appendAudit(conn, {
      actor: 'system',
      event: 'policy.seeded',
      subject: `policy:${version.slice(0, 12)}`,
      payload: { version, from: seed.from, name: seed.policy.name },
    });
  });
}

const toSnapshot = (head: HeadRecord) => snapshotOf(head.version, head.policyText);
