import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, SPIKE1, T, useTrendsFleet } from './testing/trends-fleet.ts';

const fleet = useTrendsFleet();
const { trends } = fleet;

describe('GET /api/v1/trends', () => {
  const window = { from: T - 36 * HOUR, to: T + MINUTE };

  it('counts actions per week and outcome, and the incidents that had one, once actions exist', async () => {
    const { db } = fleet;
    const [[segment]] = (await db.pool.query(
      "SELECT id FROM segments WHERE slug = 'seg-spike'",
    )) as unknown as [{ id: number }[]];
    const insert = (type: string, state: string, at: number) =>
      db.pool.query(
        `INSERT INTO actions (type, target_kind, target_slug, segment_id, params, rationale, evidence, state, proposer, policy_version, approvals_required, proposed_at, expires_at, updated_at)
         VALUES (?, 'entity', 'seg-spike-e0', ?, '{}', 'test', '{}', ?, 'operator', 'v', 1, ?, ?, ?)`,
        [type, segment!.id, state, at, at + HOUR, at],
      );
    await insert('restart_entity', 'executed', SPIKE1.from + 10 * MINUTE);
    await insert('drain_entity', 'rejected', SPIKE1.to + 3 * HOUR);
    await insert('restart_entity', 'failed', T - 40 * HOUR);
    // A window a minute longer than the other trends tests read, so an answer shared before the
    // actions were inserted can never be the one this reads.
    const body = await trends(
      `period=custom&from=${window.from}&to=${window.to + MINUTE}`,
      'admin',
    );
    const spike = body.data.segments.find((s) => s.slug === 'seg-spike')!;
    expect(spike.current).toMatchObject({ actions: 2, incidents: 2, incidentsWithAction: 1 });
    expect(spike.previous).toMatchObject({ actions: 1 });
    expect(body.data.incidents.find((i) => i.start === SPIKE1.from)?.actions).toBe(1);
    expect(body.data.actions.current).toMatchObject({
      total: 2,
      byOutcome: { executed: 1, rejected: 1, failed: 0 },
    });
    expect(body.data.actions.previous).toMatchObject({ total: 1, byOutcome: { failed: 1 } });
    expect(body.data.actions.weeks.reduce((sum, w) => sum + w.count, 0)).toBe(2);
    expect(body.data.actions.weeks.map((w) => [w.type, w.outcome])).toEqual(
      expect.arrayContaining([
        ['restart_entity', 'executed'],
        ['drain_entity', 'rejected'],
      ]),
    );
  });
});
