import { expect, test, type Page, type Route } from '@playwright/test';
import { LIVE_REFRESH_MS } from '../apps/web/src/lib/live-refresh.ts';
import { keepScreenshot, signIn } from './support/journey.ts';

/**
 * The browser knows when its figures stopped moving, whatever the cause: offline (react-query
 * pauses rather than fails, so no error ever arrives) or a server that no longer answers. The
 * page's clock is Playwright's, so "more than two refresh intervals" costs no real waiting.
 */
const header = (page: Page) => page.getByRole('banner');

test('offline for more than two refresh intervals, the header says "Stale since…", charts too; back online it is "Live" after a refresh', async ({
  page,
  context,
}, testInfo) => {
  await page.clock.install();
  await signIn(page);
  await page.goto('/?range=1h');
  await expect(header(page)).toContainText(/Live · updated \d\d:\d\d:\d\d UTC/);
  const fleetChart = page.getByRole('figure', { name: /Fleet requests/ });
  await expect(fleetChart).toBeVisible();

  await context.setOffline(true);
  await page.clock.fastForward(2 * LIVE_REFRESH_MS + 1_000);
  const stale = header(page).getByRole('alert');
  await expect(stale).toContainText(/Stale since \d\d:\d\d:\d\d UTC — retrying/);
  await expect(stale).toContainText('This browser is offline');
  await expect(header(page)).toHaveAttribute('data-stale', 'true');
  await expect(header(page)).not.toContainText('Live ·');
  // The chart stays on screen, marked stale in words; the quality verdict is dated, not current.
  await expect(fleetChart).toBeVisible();
  const frame = page.locator('.chart-frame').filter({ has: fleetChart });
  await expect(frame).toHaveAttribute('data-stale', 'true');
  await expect(frame).toContainText(/Stale chart: last updated \d\d:\d\d:\d\d UTC, not current/);
  await expect(page.getByLabel('Data quality')).toContainText('(not current)');
  await keepScreenshot(page, testInfo, 'stale-offline');

  await context.setOffline(false);
  await expect(header(page)).toContainText(/Live · updated \d\d:\d\d:\d\d UTC/);
  await expect(header(page)).toHaveAttribute('data-stale', 'false');
  await expect(frame).toHaveAttribute('data-stale', 'false');
  await expect(page.getByLabel('Data quality')).not.toContainText('(not current)');
});

test('a server that stops answering, with no error at all, turns the header stale after two refresh intervals', async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page);
  await page.goto('/?range=1h');
  await expect(header(page)).toContainText(/Live · updated/);

  // Requests are held, never answered and never failed, until released below.
  const held: Route[] = [];
  await page.route('**/api/v1/**', (route) => void held.push(route));
  await page.clock.fastForward(LIVE_REFRESH_MS + 1_000);
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await expect(header(page)).toContainText(/Live · updated/);

  await page.clock.fastForward(LIVE_REFRESH_MS + 1_000);
  const stale = header(page).getByRole('alert');
  await expect(stale).toContainText(/Stale since \d\d:\d\d:\d\d UTC — retrying/);
  await expect(stale).toContainText(
    `No successful refresh for over ${(2 * LIVE_REFRESH_MS) / 1000} s`,
  );

  await page.unroute('**/api/v1/**');
  // A request the page has since abandoned cannot be continued; the others complete normally.
  await Promise.all(held.splice(0).map((route) => route.continue().catch(() => undefined)));
  await expect(header(page)).toContainText(/Live · updated/);
  await expect(header(page)).toHaveAttribute('data-stale', 'false');
});
