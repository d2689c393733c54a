import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import type { AuditPage, AuditQuery, AuditRecord } from '@watchfloor/shared/actions/audit';
import type { Pool, PoolConnection } from '../../db/pool.ts';
import { auditHash, signCheckpoint } from './audit-hash.ts';
import {
  insertCheckpoint,
  insertRecordAndAdvance,
  latestCheckpoint,
  listRecords,
  lockHead,
  readHead,
  type AuditRow,
} from './audit.repository.ts';
import { databaseNow } from '../../db/db-clock.ts';
import { auditAnchoringOf, witnessAppend } from './audit-anchoring.ts';
import { issueAnchoredCheckpoint } from './audit-checkpoint.ts';
import { keysetPage, keysetRead } from '../../db/keyset-page.ts';
import { onCommit } from '../../db/commit-hooks.ts';

export interface AuditEntry {
  actor: string;
  event: string;
  subject: string;
  actionId?: number | null;
  payload: unknown;
}

/**
 * Appends a hash-chained record. Must run inside the transaction of the change it describes: the
 * head row is locked until that transaction ends, so appends are serialised and the chain never forks.
 * On Galera the lock does not reach other nodes: two appends may both read the same head, but both
 * write the head row and the same seq (primary key), so certification commits one and refuses the
 * other with 1213; withTransaction runs the loser again and it re-reads the new head.
 */
export async function appendAudit(conn: PoolConnection, entry: AuditEntry): Promise<AuditRecord> {
  const head = await lockHead(conn);
  const fields = {
    seq: head.seq + 1,
    at: head.now,
    actor: entry.actor,
    event: entry.event,
    subject: entry.subject,
    actionId: entry.actionId ?? null,
    payload: canonicalJson(entry.payload ?? null),
    prevHash: head.hash,
  };
  const row: AuditRow = { ...fields, hash: auditHash(fields) };
  await insertRecordAndAdvance(conn, row);
  // Only a committed record is vouched for: a rolled-back one may be replaced at the same number.
  onCommit(conn, () => witnessAppend(row.seq, row.prevHash, row.hash));
  return toAuditRecord(row);
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return { ...row, payload: JSON.parse(row.payload) as unknown };
}

export async function listAudit(pool: Pool, query: AuditQuery): Promise<AuditPage> {
  const rows = await listRecords(pool, {
    actor: query.actor,
    event: query.event,
    actionId: query.actionId,
    from: query.from,
    to: query.to,
    ...keysetRead(query),
  });
  const page = keysetPage(rows, query.limit, (last) => String(last.seq));
  return { records: page.rows.map(toAuditRecord), ...page.next };
}

export interface CheckpointPolicy {
  /** Write a checkpoint once this many records follow the last one... */
  everyRecords: number;
  /** ...or once the last one is this old and records followed it. */
  everyMs: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { everyRecords: 50, everyMs: 60_000 };

/**
 * Signs the current head and stores it outside the audit table — and, when the pool's chain is
 * anchored (configureAuditAnchoring), outside the database too. Returns the sequence number covered.
 */
export async function writeCheckpoint(pool: Pool, key: string): Promise<number> {
  const anchoring = auditAnchoringOf(pool);
  if (anchoring) return (await issueAnchoredCheckpoint(pool, key, anchoring)).seq;
  const [head, signedAt] = await Promise.all([readHead(pool), databaseNow(pool)]);
  await insertCheckpoint(pool, {
    seq: head.seq,
    hash: head.hash,
    signedAt,
    signature: signCheckpoint(key, { seq: head.seq, hash: head.hash, signedAt }),
  });
  return head.seq;
}

/** Writes a checkpoint when enough records or time have passed since the last one; cheap to call often. */
export async function checkpointIfDue(
  pool: Pool,
  key: string,
  policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY,
): Promise<boolean> {
  const [head, last, now] = await Promise.all([
    readHead(pool),
    latestCheckpoint(pool),
    databaseNow(pool),
  ]);
  if (head.seq === 0 || (last && last.seq >= head.seq)) return false;
  if (last && head.seq - last.seq < policy.everyRecords && now - last.signedAt < policy.everyMs)
    return false;
  await writeCheckpoint(pool, key);
  return true;
}

/**
 * Checkpoints on a timer (and on demand through checkpointIfDue); returns a stop function. An
 * anchored chain gets a checkpoint every tick even when nothing happened, so the newest anchor's
 * age shows the checkpointer is alive and nothing was written and then hidden.
 */
export function startAuditCheckpointer(
  pool: Pool,
  key: string,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
): () => void {
  const everyMs = options.everyMs ?? DEFAULT_CHECKPOINT_POLICY.everyMs;
  const timer = setInterval(() => {
    const anchoring = auditAnchoringOf(pool);
    const run = anchoring
      ? issueAnchoredCheckpoint(pool, key, anchoring)
      : checkpointIfDue(pool, key, { everyRecords: 1, everyMs });
    run.catch((error: unknown) => options.onError?.(error));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
