import { expect, test } from '@playwright/test';
import { SATURATING_PIPELINE } from '../apps/bff/src/modules/simulator/demo-scenario.ts';
import { hoverPlot, readChartLook } from './support/charts.ts';
import { signIn } from './support/journey.ts';

/**
 * The charts of a page read as one: legend choices that survive a reload, and
 * a still-open minute drawn as unfinished rather than as traffic falling away. The entity is the
 * demo's stalling pipeline, which reports a gauge, so its page has two charts.
 */
const entityPath = `/segments/${SATURATING_PIPELINE.segment}/entities/${SATURATING_PIPELINE.entity}`;

test.beforeEach(async ({ page }) => {
  await signIn(page);
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
  // The fleet: live traffic every second, so its newest minute is always still open.
  await page.goto('/');
  const red = page.getByRole('figure', { name: 'Fleet requests, latency and errors' });
  await expect(red.locator('.highcharts-series-group')).toBeVisible();
  const rate = (await readChartLook(red)).series.find((s) => s.id === 'rate');
  expect(rate?.lastX).not.toBeNull();
  // The dotted zone starts before the newest bucket, so the line into it is dotted as well.
  expect(rate?.dottedFrom).not.toBeNull();
  expect(rate!.dottedFrom!).toBeLessThan(rate!.lastX!);
  expect(rate?.dottedDash).toMatch(/\d/);

  await hoverPlot(page, red, 0.998);
  await expect(red.locator('.highcharts-tooltip')).toContainText('partial minute (still open)');
});
