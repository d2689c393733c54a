import { expect, test } from '@playwright/test';
import {
  ingest,
  ingestToken,
  floorMinute,
  requestEvents,
  uniqueSlug,
} from './support/ingest-traffic.ts';
import { keepScreenshot, signIn } from './support/journey.ts';
import { openE2eDatabase } from './support/rollup-lease.ts';

const mysqlUrl = process.env.WATCHFLOOR_E2E_MYSQL_URL;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface OverviewRow {
  slug: string;
  status: string;
  now: { status: string } | null;
  quality: { state: string; reason: string };
}

/**
 * Six calm hours hide fifteen bad minutes in a 6-hour average: the window says "Warning" at most,
 * so the overview's "now" column must say "Critical" and sort the segment above calm ones.
 */
test('the overview\'s "Now" column shows a live incident as Critical under the 6-hour default and sorts it up', async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const pool = mysqlUrl ? openE2eDatabase(mysqlUrl) : null;
  try {
    const token = await ingestToken(pool, 'e2e-live-incident');
    test.skip(
      !token,
      'needs WATCHFLOOR_E2E_MYSQL_URL, WATCHFLOOR_E2E_INGEST_TOKEN or the demo token in .data',
    );
    const segment = uniqueSlug('incident');
    const now = Date.now();
    const incidentFrom = floorMinute(now) - 15 * MINUTE;
    // 20 requests a minute for 6 h 10 min, 15 % of them failing in the last 15 minutes.
    const events = requestEvents({
      segment,
      entities: [`${segment}-a`, `${segment}-b`],
      from: floorMinute(now) - 6 * HOUR - 10 * MINUTE,
      to: now,
      perMinute: 20,
      errorShare: (minute) => (minute >= incidentFrom ? 0.15 : 0),
    });
    await ingest(baseURL!, token!, events);
    await signIn(page);

    // Rolled up once its row no longer says data is pending, and its verdict now is measured.
    await expect
      .poll(
        async () => {
          const response = await page.request.get('/api/v1/overview');
          const row = (
            (await response.json()) as { data: { segments: OverviewRow[] } }
          ).data.segments.find((s) => s.slug === segment);
          return row
            ? {
                pending: /rolled up/.test(row.quality.reason),
                now: row.now?.status,
                windowCritical: row.status === 'critical',
              }
            : null;
        },
        { timeout: 120_000, intervals: [1_000] },
      )
      .toEqual({ pending: false, now: 'critical', windowCritical: false });

    await page.goto('/');
    const table = page.getByRole('table', { name: /Segment health/ });
    const row = table.locator(`tbody tr[data-segment="${segment}"]`);
    await expect(row).toHaveAttribute('data-now', 'critical');
    await expect(row).not.toHaveAttribute('data-status', 'critical');
    await expect(row.locator('td[data-col="now"]')).toContainText('Critical');
    await expect(row.locator('td[data-col="window"]')).not.toContainText('Critical');
    await expect(row).toContainText(/Last 15 min: Error ratio .* critical limit/);

    // Worst "now" first: only rows critical now may stand above it, and every calm row is below.
    const order = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        slug: tr.getAttribute('data-segment'),
        now: tr.getAttribute('data-now'),
        status: tr.getAttribute('data-status'),
      })),
    );
    const at = order.findIndex((r) => r.slug === segment);
    expect(at).toBeGreaterThanOrEqual(0);
    for (const above of order.slice(0, at))
      expect(
        above.now === 'critical' || (above.now === 'none' && above.status === 'critical'),
        `${above.slug} above it`,
      ).toBe(true);
    for (const below of order.filter((r) => r.now === 'ok'))
      expect(order.indexOf(below)).toBeGreaterThan(at);
    await expect(page.getByLabel('Fleet summary')).toContainText(/Critical now: [1-9]\d*/);
    await keepScreenshot(page, testInfo, 'overview-live-incident');

    await row.getByRole('link').first().click();
    const summary = page.getByLabel('Segment summary');
    await expect(summary.locator('[data-verdict="now"]')).toHaveAttribute(
      'data-status',
      'critical',
    );
    await expect(summary.locator('[data-verdict="now"]')).toContainText('Critical');
    await expect(summary.locator('[data-verdict="window"]')).not.toHaveAttribute(
      'data-status',
      'critical',
    );
    await expect(summary.locator('[data-verdict="quality"]')).toContainText(
      /Data (OK|degraded|unsafe)/,
    );
    await keepScreenshot(page, testInfo, 'segment-live-incident');
  } finally {
    await pool?.end();
  }
});
