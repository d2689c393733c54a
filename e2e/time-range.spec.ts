import { expect, test, type Page } from '@playwright/test';
import { ERROR_SPIKE, signIn, watchProblems, windowQuery } from './support/journey.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const segmentPath = `/segments/${ERROR_SPIKE.segment}`;

/** The overview read the page makes next, as the query it sends. */
function nextOverviewQuery(page: Page): Promise<URLSearchParams> {
  return page
    .waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/overview')
    .then((r) => new URL(r.url()).searchParams);
}

test('from=now-3h&to=now in the address is a live three-hour window, carried into every link', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await signIn(page);
  const read = nextOverviewQuery(page);
  await page.goto('/?from=now-3h&to=now');
  const query = await read;
  // Live: only the start is sent, so the server's clock decides "now" on every refresh.
  expect(query.has('to')).toBe(false);
  expect(Math.abs(Date.now() - 3 * HOUR - Number(query.get('from')))).toBeLessThan(2 * MINUTE);
  await expect(page.locator('.range-picker__current')).toHaveText('Last 3 h');
  await expect(page.locator('.range-picker').getByRole('alert')).toHaveCount(0);

  const segmentLink = page.locator(`tr[data-segment="${ERROR_SPIKE.segment}"]`).getByRole('link');
  await expect(segmentLink).toHaveAttribute('href', /[?&]from=now-3h&to=now/);
  await segmentLink.click();
  await expect(page.getByRole('table', { name: /Entities ranked/ })).toBeVisible();
  await expect(page.locator('.range-picker__current')).toHaveText('Last 3 h');
  expect(problems).toEqual([]);
});

test('an address window the page cannot show says so beside the range, naming the problem and the limit', async ({
  page,
}) => {
  await signIn(page);
  const to = Math.floor(Date.now() / MINUTE) * MINUTE - HOUR;
  await page.goto(`${segmentPath}?${windowQuery({ from: to, to: to - HOUR })}`);
  const alert = page.locator('.range-picker').getByRole('alert');
  await expect(alert).toContainText('is not after its start');
  await expect(alert).toContainText('Showing the last 6 h instead');
  await expect(page.locator('.range-picker__current')).toHaveText('Last 6 h');

  await page.goto(`${segmentPath}?from=now-500d&to=now`);
  await expect(alert).toContainText(
    'it asks for 500 days; a window can span at most 400 days. Showing the last 6 h instead.',
  );
  await page.goto(`${segmentPath}?from=garbage&to=now`);
  await expect(alert).toContainText('its start “garbage” is not a time');

  // Choosing a window is the way out: the alert goes with the bad address.
  await page.locator('.range-picker__presets').getByRole('link', { name: '1 h' }).click();
  await expect(page).toHaveURL(/\?range=1h$/);
  await expect(alert).toHaveCount(0);
});

test('the custom range speaks 24-hour UTC text and now-… expressions, and says what is wrong', async ({
  page,
}) => {
  await signIn(page);
  // Yesterday 12:05 – 13:05 UTC: an afternoon time a 12-hour field would write as "01:05 PM".
  const yesterday = new Date(Date.now() - DAY);
  const to = Date.UTC(
    yesterday.getUTCFullYear(),
    yesterday.getUTCMonth(),
    yesterday.getUTCDate(),
    13,
    5,
  );
  await page.goto(`${segmentPath}?${windowQuery({ from: to - HOUR, to })}`);
  await page.getByRole('button', { name: 'Custom…' }).click();
  const form = page.getByRole('form', { name: 'Custom time range' });
  const fromField = form.getByLabel('From (UTC, 24 h)');
  const toField = form.getByLabel('To (UTC, 24 h)');
  const day = new Date(to).toISOString().slice(0, 10);
  await expect(toField).toHaveValue(`${day} 13:05`);
  await expect(fromField).toHaveValue(`${day} 12:05`);
  expect(await toField.getAttribute('type')).toBe('text');
  await expect(form).not.toContainText(/AM|PM/);

  await fromField.fill(`${day} 14:00`);
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(form.getByRole('alert')).toHaveText('The end must be after the start.');
  await expect(toField).toHaveAttribute('aria-invalid', 'true');
  await fromField.fill('1:05 PM');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(form.getByRole('alert')).toContainText('YYYY-MM-DD HH:mm (24-hour, UTC)');

  // Both relative: a live window, written as such in the address.
  await fromField.fill('now-90m');
  await toField.fill('now');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(form).toBeHidden();
  await expect(page).toHaveURL(/\?from=now-90m&to=now$/);
  await expect(page.locator('.range-picker__current')).toHaveText('Last 90 m');

  // A date and a time typed in 24-hour form give exactly those bounds.
  await page.getByRole('button', { name: 'Custom…' }).click();
  await fromField.fill(`${day} 00:30`);
  await toField.fill(`${day} 23:45`);
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`\\?from=${day}T00%3A30%3A00Z&to=${day}T23%3A45%3A00Z$`));
});

test('"Zoom out ×2" beside the range doubles the window, and a live one stays live', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`${segmentPath}?range=1h`);
  const zoomOut = page.getByRole('button', { name: 'Zoom out ×2' });
  await zoomOut.click();
  await expect(page).toHaveURL(/\?from=now-2h&to=now$/);
  await expect(page.locator('.range-picker__current')).toHaveText('Last 2 h');
  await zoomOut.click();
  await expect(page).toHaveURL(/\?from=now-4h&to=now$/);
  await page.goBack();
  await expect(page).toHaveURL(/\?from=now-2h&to=now$/);
  await expect(page.locator('.range-picker__current')).toHaveText('Last 2 h');
});
