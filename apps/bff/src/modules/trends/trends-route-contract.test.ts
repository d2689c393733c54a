import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, T, useTrendsFleet } from './testing/trends-fleet.ts';

const fleet = useTrendsFleet();
const { trends } = fleet;

describe('GET /api/v1/trends', () => {
  const window = { from: T - 36 * HOUR, to: T + MINUTE };
  const query = `period=custom&from=${window.from}&to=${window.to}`;

  it('shares one answer for a preset ending now between readers and roles, each with its own request id and the time it was computed', async () => {
    const first = await trends('period=7d', 'manager');
    const second = await trends('period=7d', 'admin');
    expect(second.meta.generatedAt).toBe(first.meta.generatedAt);
    expect(second.meta.requestId).not.toBe(first.meta.requestId);
    expect(first.data.window.to).toBe(Math.ceil(first.meta.generatedAt / MINUTE) * MINUTE);
    expect(first.data.alertsAt).toBeLessThanOrEqual(first.meta.generatedAt);
  });

  it('answers managers, approvers and admins, and refuses operators with 403', async () => {
    const { t } = fleet;
    for (const role of ['manager', 'approver', 'admin'] as const)
      expect((await t.get(`/api/v1/trends?${query}`, role)).status).toBe(200);
    const refused = await t.get(`/api/v1/trends?${query}`, 'operator');
    expect(refused.status).toBe(403);
  });

  it('rejects bad parameters with a 422 naming each field', async () => {
    const { t } = fleet;
    const fields = async (q: string) => {
      const response = await t.get(`/api/v1/trends?${q}`, 'manager');
      expect(response.status).toBe(422);
      const body = (await response.json()) as {
        error: { code: string; details: { field: string }[] };
      };
      expect(body.error.code).toBe('validation_failed');
      return body.error.details.map((d) => d.field);
    };
    expect(await fields('period=fortnight')).toEqual(['period']);
    expect(await fields('period=7d&from=1000')).toEqual(['from']);
    expect(await fields('period=custom&from=yesterday&to=1000')).toEqual(['from']);
    expect(await fields(`period=custom&from=${T - 100 * 86_400_000}&to=${T}`)).toEqual(['from']);
    expect(await fields(`period=custom&from=${T}&to=${T - HOUR}`)).toEqual(['to']);
  });
});
