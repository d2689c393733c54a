import type { Pool } from '../../db/pool.ts';
import { compareRollupsWithRaw } from '../../testing/rollup-truth.ts';
import type { Check } from '../faults/checks.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The same session on either BFF. */
export async function sessionOnEither(urls: readonly string[], cookie: string): Promise<Check> {
  const statuses = await Promise.all(
    urls.map(async (url) => (await fetch(`${url}/api/v1/me`, { headers: { cookie } })).status),
  );
  return {
    promise: 'a session made on one BFF works on the other',
    ok: statuses.every((s) => s === 200),
    measured: `GET /api/v1/me answered ${statuses.join(' and ')}`,
  };
}

/**
 * After the load, with two BFFs and two workers having written concurrently: every acknowledged
 * event stored once, rollups equal to raw events at every resolution, and both BFFs answering
 * the same figures for the same window.
 */
export async function sameFiguresEverywhere(
  pool: Pool,
  urls: readonly string[],
  cookie: string,
  prefix: string,
  acked: number,
): Promise<Check[]> {
  for (let i = 0; i < 120; i++) {
    const [rows] = await pool.query('SELECT COUNT(*) AS n FROM rollup_dirty');
    if (Number((rows as { n: number }[])[0]!.n) === 0) break;
    await sleep(500);
  }
  const [stored] = await pool.query('SELECT COUNT(*) AS n FROM events WHERE event_id LIKE ?', [
    `${prefix}-%`,
  ]);
  const storedCount = Number((stored as { n: number }[])[0]!.n);
  const mismatches = await compareRollupsWithRaw(pool);
  const to = Date.now() - 60_000;
  const window = `from=${to - 6 * 3_600_000}&to=${to}`;
  const answers = await Promise.all(
    urls.map(async (url) => {
      const body = (await (
        await fetch(`${url}/api/v1/overview?${window}`, { headers: { cookie } })
      ).json()) as { data: unknown };
      return JSON.stringify(body.data);
    }),
  );
  return [
    {
      promise: 'no double counting: every acknowledged event stored once',
      ok: storedCount === acked,
      measured: `${acked.toLocaleString('en')} acknowledged, ${storedCount.toLocaleString('en')} stored`,
    },
    {
      promise: 'two workers, one lease: rollups equal raw events at every resolution and scope',
      ok: mismatches.length === 0,
      measured: `${mismatches.length} mismatched buckets`,
    },
    {
      promise: 'both BFFs answer the same figures for the same window',
      ok: answers.every((a) => a === answers[0]),
      measured: answers.every((a) => a === answers[0])
        ? `identical overview (${answers[0]!.length.toLocaleString('en')} bytes of data)`
        : 'the overviews differ',
    },
  ];
}
