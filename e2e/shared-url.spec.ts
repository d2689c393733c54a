import { expect, test } from '@playwright/test';
import { ERROR_SPIKE, signIn } from './support/journey.ts';

const MINUTE = 60_000;
const iso = (ts: number) => new Date(ts).toISOString().replace('.000Z', 'Z');

/**
 * A copied URL puts a colleague on exactly the same view, and back/forward walk the drill-down
 * with each level's window intact.
 */
test('a copied entity URL reopens the same entity and window, and back/forward walk the drill-down', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page);
  // A fixed window in the past: its figures cannot move between the two browsers.
  const to = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
  const from = to - 45 * MINUTE;
  const windowQuery = `from=${encodeURIComponent(iso(from))}&to=${encodeURIComponent(iso(to))}`;
  await page.goto(`/?${windowQuery}`);
  const overviewUrl = page.url();
  await page.locator(`tr[data-segment="${ERROR_SPIKE.segment}"]`).getByRole('link').click();
  await expect(page.getByRole('table', { name: /Entities ranked/ })).toBeVisible();
  const segmentUrl = page.url();
  expect(segmentUrl).toContain(windowQuery);
  const culprit = ERROR_SPIKE.culprits[0];
  await page.getByRole('link', { name: culprit, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(culprit);
  const entityUrl = page.url();
  expect(entityUrl).toContain(`/entities/${culprit}?${windowQuery}`);
  // The window's figures (last-seen is the entity's latest signal, so it may move on).
  const figures = page
    .getByLabel('Entity summary')
    .locator('dl > div')
    .filter({ hasNotText: 'Last seen' });
  const summary = await figures.allInnerTexts();
  const windowText = await page.locator('.range-picker__current').innerText();
  const resolution = await page
    .getByRole('figure', { name: /Rate, errors and latency/ })
    .locator('.highcharts-subtitle')
    .textContent();

  // A colleague with a fresh browser (own cookies, nothing cached) opens the copied URL.
  const colleague = await browser.newContext({ baseURL });
  const other = await colleague.newPage();
  await signIn(other);
  await other.goto(entityUrl);
  await expect(other.getByRole('heading', { level: 1 })).toContainText(culprit);
  await expect(other.locator('.range-picker__current')).toHaveText(windowText);
  const otherFigures = other
    .getByLabel('Entity summary')
    .locator('dl > div')
    .filter({ hasNotText: 'Last seen' });
  await expect.poll(() => otherFigures.allInnerTexts()).toEqual(summary);
  await expect(
    other.getByRole('figure', { name: /Rate, errors and latency/ }).locator('.highcharts-subtitle'),
  ).toHaveText(resolution ?? '');
  expect(other.url()).toBe(entityUrl);
  await colleague.close();

  // Back to the segment and the overview, each with the same window; forward again.
  await page.goBack();
  await expect(page).toHaveURL(segmentUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Checkout EU');
  await page.goBack();
  await expect(page).toHaveURL(overviewUrl);
  await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();
  await expect(page.locator('.range-picker__current')).toHaveText(windowText);
  await page.goForward();
  await expect(page).toHaveURL(segmentUrl);
  await expect(page.getByRole('table', { name: /Entities ranked/ })).toBeVisible();

  // The breadcrumbs go up with the window too, by keyboard.
  await page.goForward();
  await expect(page).toHaveURL(entityUrl);
  const crumb = page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('link', { name: 'Fleet overview' });
  await crumb.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(overviewUrl);
});
