import path from 'node:path';
import { expect, test, type ConsoleMessage } from '@playwright/test';

interface OverviewBody {
  data: {
    segments: { slug: string; name: string; status: 'ok' | 'warning' | 'critical' | 'silent' }[];
  };
}

/** The demo accounts' operator; override for a server with other accounts. */
const USERNAME = process.env.WATCHFLOOR_E2E_USER ?? 'operator';
const PASSWORD = process.env.WATCHFLOOR_E2E_PASSWORD ?? 'watchfloor';

const STATUS_WORDS = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  silent: 'Silent',
} as const;
const RANK = { critical: 3, silent: 2, warning: 1, ok: 0 } as const;

test('after sign-in the overview shows fleet health from the real BFF, worst first, with the data-quality banner', async ({
  page,
}, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });

  // Signed out, the overview sends the operator to sign in and back to where they were going.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();
  // The signed-out attempt logs its 401s; only what happens once signed in must be clean.
  problems.length = 0;
  const table = page.getByRole('table', { name: /Segment health/ });
  await expect(table).toBeVisible();

  // The same question asked of the API directly: the page must show what the BFF says.
  const response = await page.request.get('/api/v1/overview');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as OverviewBody;
  expect(body.data.segments.length).toBeGreaterThan(0);

  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(body.data.segments.length);
  for (const segment of body.data.segments) {
    await expect(table.locator(`tbody tr[data-segment="${segment.slug}"]`)).toContainText(
      segment.slug,
    );
  }
  // Each row states its status now and over the window as words, and rows run worst "now" first
  // (the window's status where there is no "now"). Read from the page itself: with live traffic a
  // status may change between the page's fetch and the one above.
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      status: tr.getAttribute('data-status') ?? '',
      now: tr.getAttribute('data-now') ?? '',
      word:
        tr
          .querySelector('td[data-col="window"] [data-status] > span:not([aria-hidden])')
          ?.textContent?.trim() ?? '',
      nowWord:
        tr
          .querySelector('td[data-col="now"] [data-status] > span:not([aria-hidden])')
          ?.textContent?.trim() ?? 'none',
      quality: tr.querySelector('[data-quality] .quality-badge')?.textContent?.trim() ?? '',
    })),
  );
  for (const { status, now, word, nowWord, quality } of shown) {
    expect(word).toBe(STATUS_WORDS[status as keyof typeof STATUS_WORDS]);
    expect(nowWord).toBe(now === 'none' ? 'none' : STATUS_WORDS[now as keyof typeof STATUS_WORDS]);
    expect(quality).toMatch(/Data (OK|degraded|unsafe)$/);
  }
  const ranks = shown.map(
    ({ status, now }) => RANK[(now === 'none' ? status : now) as keyof typeof RANK],
  );
  expect(ranks).toEqual([...ranks].sort((a, b) => b - a));

  const banner = page.getByLabel('Data quality');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Data (OK|degraded|unsafe)/);
  await expect(banner).toContainText(/behind now/);
  await expect(banner).toContainText(/% complete/);

  await expect(page.getByLabel('Fleet summary')).toContainText('Error ratio');
  await expect(page.getByTestId('silent-entities')).toContainText(/^Silent entities\D*\d+/);
  // The counts by status now are segments, said beside them (the entity counts sit next to them).
  await expect(page.getByLabel(/Segments by status now/)).toContainText(
    /Critical now: \d+.*segments, last 15 min/,
  );
  // Every page says in the header whether it is current.
  await expect(page.locator('.app__header')).toContainText(/Live · updated \d\d:\d\d:\d\d UTC/);
  await page.screenshot({
    path: path.join(testInfo.config.rootDir, 'artifacts', 'overview.png'),
    fullPage: true,
  });
  expect(problems).toEqual([]);
});
