import { describe, expect, it } from 'vitest';
import { BURN_WINDOWS_MS, burnRate, type BurnWindow } from '@watchfloor/shared/trends/burn-rate';
import { HOUR, MINUTE, SPIKE1, SPIKE2, T, useTrendsFleet } from './testing/trends-fleet.ts';

const { trends, rawCounts, rawCompliance, rawIncidents } = useTrendsFleet();

describe('GET /api/v1/trends', () => {
  const window = { from: T - 36 * HOUR, to: T + MINUTE };
  const query = `period=custom&from=${window.from}&to=${window.to}`;

  it('agrees with raw events on availability and error budget, exactly, for both periods', async () => {
    const body = await trends(query);
    expect(body.data.window).toEqual(window);
    expect(body.data.previousWindow).toEqual({
      from: window.from - 36 * HOUR - MINUTE,
      to: window.from,
    });
    for (const slug of ['seg-spike', 'seg-slow']) {
      const segment = body.data.segments.find((s) => s.slug === slug)!;
      for (const [figures, w] of [
        [segment.current, body.data.window],
        [segment.previous, body.data.previousWindow],
      ] as const) {
        const counts = rawCounts(slug, w.from, w.to);
        expect(counts.requests).toBeGreaterThan(0);
        expect({ requests: figures.requests, errors: figures.errors }).toEqual(counts);
        expect(figures.availability).toBeCloseTo(1 - counts.errors / counts.requests, 12);
        expect(figures.budget.allowed).toBeCloseTo(0.01 * counts.requests, 9);
        expect(figures.budget.spent).toBe(counts.errors);
      }
      const dailyTotal = segment.daily.reduce(
        (sum, d) => ({ requests: sum.requests + d.requests, errors: sum.errors + d.errors }),
        { requests: 0, errors: 0 },
      );
      expect(dailyTotal).toEqual(rawCounts(slug, window.from, window.to));
      expect(segment.burnDown.at(-1)?.remainingShare).toBeCloseTo(
        segment.current.budget.remainingShare!,
        9,
      );
    }
    const spike = body.data.segments.find((s) => s.slug === 'seg-spike')!;
    expect(spike.current.budget.remaining).toBeLessThan(0);
    expect(spike.current.meetsSlo).toBe(false);
  });

  it('computes each burn-rate window from the same counts as raw events and fires page and ticket as the rules say', async () => {
    const body = await trends(query);
    const at = body.data.alertsAt;
    for (const slug of ['seg-spike', 'seg-slow']) {
      const alerts = body.data.segments.find((s) => s.slug === slug)!.alerts;
      for (const alert of alerts) {
        for (const side of [alert.long, alert.short]) {
          const counts = rawCounts(slug, at - BURN_WINDOWS_MS[side.window as BurnWindow], at);
          expect(
            { requests: side.requests, errors: side.errors },
            `${slug} ${side.window}`,
          ).toEqual(counts);
          expect(side.burnRate).toBeCloseTo(burnRate(counts, 0.99)!, 9);
        }
      }
    }
    const firing = (slug: string) =>
      body.data.segments
        .find((s) => s.slug === slug)!
        .alerts.filter((a) => a.firing)
        .map((a) => a.rule);
    expect(firing('seg-spike')).toEqual(['page-fast', 'page-slow', 'ticket']);
    expect(firing('seg-slow')).toEqual(['ticket']);
  });

  it('derives the same incidents as the definition applied to raw minutes: one recovered spike, one ongoing', async () => {
    const body = await trends(query);
    const incidents = body.data.incidents.filter((i) => i.segment === 'seg-spike');
    const expected = rawIncidents(
      'seg-spike',
      body.data.previousWindow.from,
      body.data.alertsAt,
      0.99,
    ).filter((i) => i.end > window.from);
    expect(
      incidents.map(({ start, end, ongoing, errors, requests }) => ({
        start,
        end,
        ongoing,
        errors,
        requests,
      })),
    ).toEqual(
      expected.reverse().map(({ start, end, ongoing, errors, requests }) => ({
        start,
        end,
        ongoing,
        errors,
        requests,
      })),
    );
    expect(incidents.map((i) => [i.start, i.ongoing])).toEqual([
      [SPIKE2.from, true],
      [SPIKE1.from, false],
    ]);
    expect(incidents[1]!.durationMs).toBe(45 * MINUTE);
    const spike = body.data.segments.find((s) => s.slug === 'seg-spike')!;
    expect(spike.current).toMatchObject({
      incidents: 2,
      mttrMs: 45 * MINUTE,
      actions: 0,
      incidentsWithAction: 0,
    });
    expect(spike.previous.incidents).toBe(0);
    expect(body.data.incidents.filter((i) => i.segment === 'seg-slow')).toEqual([]);
    expect(body.data.actions.current.total).toBe(0);
    expect(body.data.actions.weeks).toEqual([]);
  });

  it('judges latency per minute for short windows within the estimator error of exact raw p95s', async () => {
    const body = await trends(query);
    const latency = body.data.segments.find((s) => s.slug === 'seg-slow')!.current.latency;
    const exact = rawCompliance('seg-slow', MINUTE, window.from, window.to);
    expect(latency.resolution).toBe('1m');
    expect(latency.judged).toBe(exact.judged);
    expect(Math.abs(latency.met - exact.met)).toBeLessThanOrEqual(exact.borderline);
    expect(latency.compliance!).toBeGreaterThan(0.5);
    expect(latency.compliance!).toBeLessThan(0.8);
  });

  it('judges latency per hour for 90 days, within the estimator error of exact hourly p95s', async () => {
    const body = await trends(`period=90d&to=${T + MINUTE}`);
    expect(body.data.window.to - body.data.window.from).toBe(90 * 86_400_000);
    const latency = body.data.segments.find((s) => s.slug === 'seg-slow')!.current.latency;
    const exact = rawCompliance('seg-slow', HOUR, body.data.window.from, body.data.window.to);
    expect(latency.resolution).toBe('1h');
    expect(latency.judged).toBe(exact.judged);
    expect(Math.abs(latency.met - exact.met)).toBeLessThanOrEqual(exact.borderline);
    const spike = body.data.segments.find((s) => s.slug === 'seg-spike')!;
    expect({ requests: spike.current.requests, errors: spike.current.errors }).toEqual(
      rawCounts('seg-spike', body.data.window.from, body.data.window.to),
    );
  });
});
