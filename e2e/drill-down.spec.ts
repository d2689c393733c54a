import { expect, test } from '@playwright/test';
import { readChart } from './support/charts.ts';
import {
  ERROR_SPIKE,
  findSpikeHour,
  keepScreenshot,
  signIn,
  watchProblems,
  windowQuery,
} from './support/journey.ts';

/**
 * "Find the culprit": someone new to Watchfloor goes from the fleet to the seeded error spike's
 * cause, one click per level, with the spike's first hour kept on every level.
 */
test('the overview leads to the error spike, its two culprit entities and their raw DbPoolExhausted events', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await signIn(page);

  // The spike's first hour: the hour before it is calm, so its culprits are the ones that added errors.
  const spikeWindow = windowQuery(await findSpikeHour(page));
  const kept = spikeWindow.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.goto(`/?${spikeWindow}`);
  const segments = page.getByRole('table', { name: /Segment health/ });
  const spikeRow = segments.locator(`tbody tr[data-segment="${ERROR_SPIKE.segment}"]`);
  await expect(spikeRow).toHaveAttribute('data-status', 'critical');
  await expect(spikeRow).toContainText('Critical');
  await expect(page.getByLabel('Data quality')).toContainText(/behind now/);
  await expect(
    page.getByRole('figure', { name: /Fleet requests/ }).locator('.highcharts-subtitle'),
  ).toHaveText('1-minute buckets');
  await keepScreenshot(page, testInfo, 'drilldown-1-overview');

  await spikeRow.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/segments/${ERROR_SPIKE.segment}\\?${kept}$`));
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(
    `Segment ${ERROR_SPIKE.segment}`,
  );
  const entities = page.getByRole('table', { name: /Entities ranked by contribution/ });
  const rows = entities.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const ranked = await rows.evaluateAll((trs) =>
    trs.slice(0, 2).map((tr) => tr.getAttribute('data-entity')),
  );
  expect([...ranked].sort()).toEqual([...ERROR_SPIKE.culprits].sort());
  // Marked in words, not only in colour.
  for (const i of [0, 1]) {
    await expect(rows.nth(i)).toHaveAttribute('data-flag', 'errors');
    await expect(rows.nth(i)).toContainText('high');
  }
  await expect(page.getByRole('figure', { name: /of the top 5 entities/ })).toBeVisible();
  // "Compare with previous period" overlays the calm hour before, and the URL says so.
  await page.getByLabel('Compare with previous period').check();
  await expect(page).toHaveURL(/compare=previous/);
  const segmentChart = page.getByRole('figure', { name: /Requests, latency and errors of/ });
  await expect
    .poll(async () => (await readChart(segmentChart)).series.map((s) => s.name))
    .toContain('Errors, previous period');
  await page.getByLabel('Compare with previous period').uncheck();
  await expect(page).not.toHaveURL(/compare=/);
  await keepScreenshot(page, testInfo, 'drilldown-2-segment');

  const culprit = ranked[0]!;
  await entities.getByRole('link', { name: culprit, exact: true }).click();
  await expect(page).toHaveURL(
    new RegExp(`/segments/${ERROR_SPIKE.segment}/entities/${culprit}\\?${kept}$`),
  );
  await expect(page.getByRole('heading', { level: 1 })).toContainText(culprit);
  await expect(page.getByLabel('Entity summary')).toContainText('high');
  // The spike on the chart: most buckets carry errors, and errors track requests.
  const red = page.getByRole('figure', { name: `Rate, errors and latency of ${culprit}` });
  await expect(red.locator('.highcharts-subtitle')).toHaveText('1-minute buckets');
  const chart = await readChart(red);
  const errors = chart.series.find((s) => s.name === 'Errors');
  expect(errors?.points).toBeGreaterThan(30);
  expect(errors?.max ?? 0).toBeGreaterThan(0);
  await keepScreenshot(page, testInfo, 'drilldown-3-entity');

  await page.getByRole('link', { name: 'Raw events for this window' }).click();
  await expect(page).toHaveURL(new RegExp(`/entities/${culprit}/events\\?${kept}$`));
  const events = page.getByRole('table', { name: /Raw events/ });
  await expect(events.locator('tbody tr').first()).toBeVisible();
  await expect(events).toContainText(ERROR_SPIKE.errorClass);

  // Only errors: every row is an error of the seeded class; the filter is in the URL.
  await page.getByLabel('Status').selectOption('error');
  await expect(page).toHaveURL(/status=error/);
  await expect(events.locator('tbody tr[data-status="ok"]')).toHaveCount(0);
  await expect(events.locator('tbody tr').first()).toContainText(ERROR_SPIKE.errorClass);
  await events.locator('tbody tr').first().getByRole('button').click();
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  await expect(detail).toContainText('Error class');
  await expect(detail).toContainText(ERROR_SPIKE.errorClass);
  await expect(page).toHaveURL(/event=/);
  await keepScreenshot(page, testInfo, 'drilldown-4-events');

  // Newest first, and "load more" continues further back along the keyset cursor.
  const firstPage = await events.locator('tbody tr').count();
  if (await page.getByRole('button', { name: 'Load more' }).isVisible()) {
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => events.locator('tbody tr').count()).toBeGreaterThan(firstPage);
  }
  const times = await events.locator('tbody tr th').allTextContents();
  expect(times).toEqual([...times].sort().reverse());
  expect(problems).toEqual([]);
});
