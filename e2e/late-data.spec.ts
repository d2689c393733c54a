import { expect, test } from '@playwright/test';
import {
  ingest,
  ingestToken,
  floorMinute,
  requestEvents,
  uniqueSlug,
} from './support/ingest-traffic.ts';
import { keepScreenshot, signIn } from './support/journey.ts';
import { holdRollupLease, openE2eDatabase, releaseRollupLease } from './support/rollup-lease.ts';

const mysqlUrl = process.env.WATCHFLOOR_E2E_MYSQL_URL;
const MINUTE = 60_000;

/**
 * Accepted is not rolled up: while a late batch waits for the worker, the page says its figures
 * are low and why, and says "Data OK" again only once the batch is in the rollups.
 */
test('a late batch shows "Data degraded — still being rolled up" until the worker rolls it up, then "Data OK"', async ({
  page,
  baseURL,
}, testInfo) => {
  test.skip(
    !mysqlUrl,
    'needs WATCHFLOOR_E2E_MYSQL_URL to hold the rollup worker off through its database lease',
  );
  const pool = openE2eDatabase(mysqlUrl!);
  let held = false;
  try {
    const token = await ingestToken(pool, 'e2e-late-data');
    const segment = uniqueSlug('late');
    await signIn(page);

    await holdRollupLease(pool);
    held = true;
    // Twenty minutes of backdated traffic, arriving all at once: a late batch.
    const now = Date.now();
    const events = requestEvents({
      segment,
      entities: [`${segment}-a`, `${segment}-b`],
      from: floorMinute(now) - 20 * MINUTE,
      to: now,
      perMinute: 30,
      errorShare: () => 0,
    });
    await ingest(baseURL!, token!, events);

    // A 15-minute window lies wholly inside the batch, so pending data is its only reason.
    await page.goto(`/segments/${segment}?range=15m`);
    const banner = page.getByLabel('Data quality');
    await expect(banner).toHaveAttribute('data-state', 'degraded');
    await expect(banner).toContainText('Data degraded');
    await expect(banner).toContainText('still being rolled up');
    await keepScreenshot(page, testInfo, 'late-data-pending');

    await releaseRollupLease(pool);
    held = false;
    // The page polls every 15 s; the header's Refresh asks at once, until the worker has caught up.
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(banner).toHaveAttribute('data-state', 'ok', { timeout: 2_000 });
    }).toPass({ timeout: 90_000 });
    await expect(banner).toContainText('Data OK');
    await expect(banner).not.toContainText('still being rolled up');
  } finally {
    if (held) await releaseRollupLease(pool);
    await pool.end();
  }
});
