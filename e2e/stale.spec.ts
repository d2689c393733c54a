import { expect, test } from '@playwright/test';
import { startSecondApp, type SecondApp } from './support/second-app.ts';
import { ERROR_SPIKE, keepScreenshot, signIn } from './support/journey.ts';

const mysqlUrl = process.env.WATCHFLOOR_E2E_MYSQL_URL;

test('with the BFF stopped, the page keeps its figures and says they are stale instead of blanking', async ({
  page,
}, testInfo) => {
  test.skip(!mysqlUrl, 'needs WATCHFLOOR_E2E_MYSQL_URL to start a second app on the e2e database');
  test.setTimeout(120_000);
  let app: SecondApp | null = await startSecondApp(mysqlUrl!);
  try {
    await signIn(page, app.url);
    await page.goto(`${app.url}/segments/${ERROR_SPIKE.segment}?range=1h`);
    const entities = page.getByRole('table', { name: /Entities ranked/ });
    await expect(entities.locator('tbody tr').first()).toBeVisible();
    await expect(page.getByText(/Live · updated/)).toBeVisible();

    await app.stop();
    app = null;
    // The next refresh (the header's Refresh, as the 15-second poll would) finds no server.
    await page.getByRole('button', { name: 'Refresh' }).click();

    const notice = page.getByRole('alert').filter({ hasText: 'Stale since' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(/Stale since \d\d:\d\d:\d\d UTC/);
    await expect(notice).toContainText('could not be reached');
    await expect(page.getByLabel('Data quality')).toContainText('(not current)');
    // Nothing blanked: the table, the figures and the chart are still on screen.
    await expect(entities.locator('tbody tr').first()).toBeVisible();
    await expect(page.getByLabel('Segment summary')).toContainText('Error ratio');
    await expect(
      page.getByRole('figure', { name: /Requests, latency and errors of/ }),
    ).toBeVisible();
    await expect(page.getByText(/Live · updated/)).toHaveCount(0);
    await keepScreenshot(page, testInfo, 'stale-bff-stopped');
  } finally {
    await app?.stop();
  }
});
