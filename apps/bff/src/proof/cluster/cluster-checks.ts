import type { Pool } from '../../db/pool.ts';
import { DEMO_AUDIT_KEY } from '../../modules/audit/audit-hash.ts';
import { verifyAuditChain } from '../../modules/audit/audit-verify.ts';
import { compareRollupsWithRaw } from '../../testing/rollup-truth.ts';
import type { Check } from '../faults/checks.ts';
import { tally } from './outage-checks.ts';
import type { AckedIngest } from './acked-ingest.ts';
import type { ActionRaces, WebhookReceiver } from './action-races.ts';
import { leaderOverlaps } from './lease-watch.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = async (pool: Pool, sql: string, params: unknown[] = []) =>
  Number(((await pool.query(sql, params))[0] as { n: number }[])[0]?.n ?? 0);
/** 0 lost, 0 duplicated: every acknowledged id stored, no id stored twice. */
export async function ingestChecks(pool: Pool, ingest: AckedIngest): Promise<Check[]> {
  const stored = new Set<number>();
  let rows = 0;
  for (let after = ''; ;) {
    const [page] = await pool.query(
      'SELECT event_id FROM events WHERE event_id LIKE ? AND event_id > ? ORDER BY event_id LIMIT 50000',
      [`${ingest.prefix}-%`, after],
    );
    const ids = (page as { event_id: string }[]).map((r) => r.event_id);
    for (const id of ids) stored.add(Number(id.slice(ingest.prefix.length + 1)));
    rows += ids.length;
    if (ids.length < 50_000) break;
    after = ids.at(-1)!;
  }
  const lost = ingest.acked.filter((n) => !stored.has(n)).length;
  const duplicated = rows - stored.size;
  return [
    {
      promise: '0 acknowledged events lost',
      ok: ingest.acked.length > 0 && lost === 0,
      measured: `${ingest.acked.length.toLocaleString('en')} acknowledged of ${ingest.sent.toLocaleString('en')} sent; ${lost} missing; ${stored.size.toLocaleString('en')} stored`,
    },
    {
      promise: '0 events duplicated',
      ok: duplicated === 0,
      measured: `${duplicated} ids stored more than once`,
    },
  ];
}

/** Every action executed at most once, with exactly one audit record per transition. */
export async function actionChecks(
  pool: Pool,
  races: ActionRaces,
  receiver: WebhookReceiver,
): Promise<Check[]> {
  const [repeated] = await pool.query(
    // State-machine transitions are the action.* events; policy.* records are evaluations, which
    // legitimately repeat (at proposal and again at approval).
    "SELECT action_id, event, COUNT(*) AS n FROM audit_log WHERE action_id IS NOT NULL AND event LIKE 'action.%' GROUP BY action_id, event HAVING COUNT(*) > 1",
  );
  const doubled = repeated as { action_id: number; event: string; n: number }[];
  const [executedRows] = await pool.query(
    "SELECT DISTINCT action_id FROM audit_log WHERE event = 'action.executed'",
  );
  const executed = new Set(
    (executedRows as { action_id: number }[]).map((r) => Number(r.action_id)),
  );
  const deliveries = [...receiver.deliveries.values()];
  const twice = deliveries.filter((n) => n > 1).length;
  // Delivered to the executor but not on record as executed: the side effect happened while the
  // transaction that records it did not commit.
  const unrecorded = [...receiver.deliveries.keys()].filter((id) => !executed.has(id));
  const [states] = unrecorded.length
    ? await pool.query('SELECT id, state, failure_reason FROM actions WHERE id IN (?)', [
        unrecorded,
      ])
    : [[]];
  const unrecordedStates = (
    states as { id: number; state: string; failure_reason: string | null }[]
  )
    .map(
      (r) => `#${r.id} ${r.state}${r.failure_reason ? ` (${r.failure_reason.slice(0, 120)})` : ''}`,
    )
    .join('; ');
  const multiWinners = [...races.winners.values()].filter((n) => n > 1).length;
  const transitions = await count(
    pool,
    "SELECT COUNT(*) AS n FROM audit_log WHERE action_id IS NOT NULL AND event LIKE 'action.%'",
  );
  return [
    {
      promise: 'every action executed at most once',
      ok: twice === 0,
      measured: `${races.proposed.length} proposed, ${executed.size} executed on record, ${deliveries.reduce((a, b) => a + b, 0)} webhook deliveries for ${deliveries.length} actions (${twice} delivered more than once)`,
    },
    {
      promise: 'every execution the executor saw is on record as executed',
      ok: unrecorded.length === 0,
      measured: unrecorded.length
        ? `${unrecorded.length} delivered but not recorded as executed: ${unrecordedStates}`
        : `${deliveries.length} deliveries, all recorded`,
    },
    {
      promise: '64-way approval races: one winner each',
      ok: multiWinners === 0 && races.winners.size > 0,
      measured: `${races.winners.size} races, ${multiWinners} with more than one 200; the actions API answered ${tally(races.answers)}`,
    },
    {
      promise: 'exactly one audit record per action transition',
      ok: doubled.length === 0 && transitions > 0,
      measured: doubled.length
        ? `${doubled.length} repeated, e.g. action ${doubled[0]!.action_id} ${doubled[0]!.event} × ${doubled[0]!.n}`
        : `${transitions} transition records, none repeated`,
    },
  ];
}

/** The chain verifies end to end and no two records claim the same predecessor. */
export async function auditChecks(pool: Pool): Promise<Check[]> {
  const result = await verifyAuditChain(pool, process.env.WATCHFLOOR_AUDIT_KEY ?? DEMO_AUDIT_KEY);
  const forks = await count(
    pool,
    'SELECT COUNT(*) AS n FROM (SELECT prev_hash FROM audit_log GROUP BY prev_hash HAVING COUNT(*) > 1) f',
  );
  return [
    {
      promise: 'the audit chain verifies and never forks',
      ok: result.ok && forks === 0,
      measured: `${result.checkedRecords} records, ${result.ok ? 'intact' : `broken at ${result.firstMismatch?.seq}: ${result.firstMismatch?.reason}`}; ${forks} forked predecessors`,
    },
  ];
}

export async function leaderCheck(pool: Pool, since: number, handovers: number): Promise<Check> {
  const { runs, workers, overlaps } = await leaderOverlaps(pool, since);
  return {
    promise: 'one worker leader at a time',
    ok: overlaps.length === 0 && runs > 0,
    measured: `${runs} successful runs by ${workers} worker(s), ${overlaps.length} overlapping; ${handovers} lease holder changes sampled`,
  };
}

/** Rollups reconcile with raw events once the worker has caught up. */
export async function rollupCheck(pool: Pool): Promise<Check> {
  let left = -1;
  for (let i = 0; i < 240; i++) {
    left = await count(pool, 'SELECT COUNT(*) AS n FROM rollup_dirty');
    if (left === 0) break;
    await sleep(500);
  }
  const mismatches = await compareRollupsWithRaw(pool);
  return {
    promise: 'rollups reconcile with raw events afterwards',
    ok: left === 0 && mismatches.length === 0,
    measured: `${left} dirty buckets left; ${mismatches.length} mismatched buckets${mismatches[0] ? ` (first: ${mismatches[0].table} ${mismatches[0].scope} raw ${mismatches[0].raw} vs ${mismatches[0].rollup})` : ''}`,
  };
}
