import { expect, test } from '@playwright/test';
import { SATURATING_PIPELINE } from '../apps/bff/src/modules/simulator/demo-scenario.ts';
import { hoverPlot, hoverTime, readChartLook, readSeriesPoints } from './support/charts.ts';
import { signIn, watchProblems } from './support/journey.ts';

/**
 * The charts of a page read as one: a shared crosshair, legend choices that survive a reload, and
 * a still-open minute drawn as unfinished rather than as traffic falling away. The entity is the
 * demo's stalling pipeline, which reports a gauge, so its page has two charts.
 */
const entityPath = `/segments/${SATURATING_PIPELINE.segment}/entities/${SATURATING_PIPELINE.entity}`;

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('hovering one chart of the entity page shows the same time in the other chart', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await page.goto(entityPath);
  const red = page.getByRole('figure', { name: /Rate, errors and latency/ });
  const gauge = page.getByRole('figure', { name: /Gauge of/ });
  // A minute the gauge reported in, short of the still-open newest one.
  const reportedMinute = async () => {
    const points = await readSeriesPoints(gauge, 'Average');
    const newest = points.at(-1)?.x ?? 0;
    return points.filter((p) => p.y !== null && p.x <= newest - 120_000).at(-1)?.x ?? null;
  };
  await expect.poll(reportedMinute, { timeout: 150_000 }).not.toBeNull();
  const reported = (await reportedMinute())!;
  expect((await readChartLook(gauge)).tooltipShown).toBe(false);

  // The mouse on the rate chart: the gauge shows its tooltip and crosshair at the same time.
  await hoverTime(page, red, reported);
  await expect.poll(async () => (await readChartLook(red)).hoverX).toBe(reported);
  await expect.poll(async () => (await readChartLook(gauge)).hoverX).toBe(reported);
  expect(await readChartLook(gauge)).toMatchObject({ tooltipShown: true, crosshairShown: true });
  expect((await readChartLook(red)).crosshairShown).toBe(true);

  // Leaving the charts lets both go.
  await page.mouse.move(2, 2);
  await expect.poll(async () => (await readChartLook(red)).tooltipShown).toBe(false);
  await expect.poll(async () => (await readChartLook(gauge)).tooltipShown).toBe(false);
  expect((await readChartLook(gauge)).crosshairShown).toBe(false);

  // And the other way round.
  await hoverTime(page, gauge, reported);
  await expect.poll(async () => (await readChartLook(gauge)).hoverX).toBe(reported);
  await expect.poll(async () => (await readChartLook(red)).hoverX).toBe(reported);
  expect((await readChartLook(red)).tooltipShown).toBe(true);

  expect(problems).toEqual([]);
});

test('a series hidden through the legend is kept in the URL and stays hidden after a reload', async ({
  page,
}) => {
  await page.goto(entityPath);
  const red = page.getByRole('figure', { name: /Rate, errors and latency/ });
  const visibility = async () =>
    Object.fromEntries((await readChartLook(red)).series.map((s) => [s.id, s.visible]));
  await expect(red.locator('.highcharts-legend-item', { hasText: 'p95 latency' })).toBeVisible();

  // The accessibility module's proxy buttons lie over the legend items and take the clicks.
  await red.getByRole('button', { name: 'Show p95 latency', exact: true }).click();
  await red.getByRole('button', { name: 'Show Errors', exact: true }).click();
  await expect(page).toHaveURL(/[?&]hide=errors%2Cp95(&|$)/);
  expect(await visibility()).toMatchObject({ errors: false, p95: false, rate: true });

  await page.reload();
  await expect(
    red.locator('.highcharts-legend-item-hidden', { hasText: 'p95 latency' }),
  ).toBeVisible();
  expect(await visibility()).toMatchObject({ errors: false, p95: false, rate: true, p50: true });

  // Showing one again takes it out of the URL.
  await red.getByRole('button', { name: 'Show Errors', exact: true }).click();
  await expect(page).toHaveURL(/[?&]hide=p95(&|$)/);
});

test("the live rate line's newest bucket is drawn dotted, and its tooltip says it is still open", async ({
  page,
}) => {
  // The fleet: live traffic every second, so its newest minute is open, except in the second or
  // so after a minute turns, before the new minute's first events are rolled up (the newest point
  // is then the closed minute, dotted as partial but not open): load again then.
  const red = page.getByRole('figure', { name: 'Fleet requests, latency and errors' });
  await expect(async () => {
    await page.goto('/');
    await expect(red.locator('.highcharts-series-group')).toBeVisible();
    const rate = (await readChartLook(red)).series.find((s) => s.id === 'rate');
    expect(rate?.lastX).not.toBeNull();
    // The dotted zone starts before the newest bucket, so the line into it is dotted as well.
    expect(rate?.dottedFrom).not.toBeNull();
    expect(rate!.dottedFrom!).toBeLessThan(rate!.lastX!);
    expect(rate?.dottedDash).toMatch(/\d/);
    await hoverPlot(page, red, 0.998);
    await expect(red.locator('.highcharts-tooltip')).toContainText('partial minute (still open)', {
      timeout: 3_000,
    });
  }).toPass({ timeout: 30_000 });
});
