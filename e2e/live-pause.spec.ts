import { expect, test, type Page } from '@playwright/test';
import { ERROR_SPIKE, signIn, watchProblems } from './support/journey.ts';

/**
 * The live raw-events list holds still while paused: new events reach the database, the list does
 * not move, a marker counts them (the server's count), and one click shows them.
 */
const SEGMENT = ERROR_SPIKE.segment;
const ENTITY = ERROR_SPIKE.culprits[0];
const LIST_PAGE_SIZE = 'limit=100';
const COUNT_PAGE_SIZE = 'limit=500';

const shownIds = (page: Page) =>
  page
    .getByRole('table', { name: /Raw events/ })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event')));

/** The newest event of the entity as the database has it now. */
async function newestInDatabase(page: Page): Promise<string | undefined> {
  const response = await page.request.get(
    `/api/v1/events?entityId=${ENTITY}&from=${Date.now() - 15 * 60_000}&limit=1`,
  );
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { data: { events: { id: string }[] } };
  return body.data.events[0]?.id;
}

test('paused, the live events list keeps its rows while new events arrive, counts them and shows them on request', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const problems = watchProblems(page);
  await signIn(page);
  await page.goto(`/segments/${SEGMENT}/entities/${ENTITY}/events?range=15m`);
  const table = page.getByRole('table', { name: /Raw events/ });
  await expect(table.locator('tbody tr').first()).toBeVisible();

  await page.getByRole('button', { name: 'Pause live updates' }).click();
  await expect(page.getByRole('button', { name: 'Resume live updates' })).toBeVisible();
  const before = await shownIds(page);
  const listRequests: string[] = [];
  const countAnswers: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/events?') && r.url().includes(LIST_PAGE_SIZE))
      listRequests.push(r.url());
  });
  page.on('response', (r) => {
    if (r.url().includes('/api/v1/events?') && r.url().includes(COUNT_PAGE_SIZE))
      countAnswers.push(r.url());
  });

  // The simulator keeps sending: wait until the database holds an event the list does not show.
  await expect
    .poll(async () => before.includes((await newestInDatabase(page)) ?? ''), { timeout: 60_000 })
    .toBe(false);

  const marker = page.getByRole('button', { name: /^\d[\d,]*\+? new events? — show$/ });
  await expect(marker).toBeVisible({ timeout: 30_000 });
  // Several counts later (longer than the list's own refresh interval), the list still has not moved.
  await expect.poll(() => countAnswers.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
  expect(listRequests).toEqual([]);
  expect(await shownIds(page)).toEqual(before);
  const counted = Number((await marker.textContent())?.match(/^[\d,]+/)?.[0].replace(/,/g, ''));
  expect(counted).toBeGreaterThan(0);

  await marker.click();
  await expect.poll(async () => (await shownIds(page))[0]).not.toBe(before[0]);
  const after = await shownIds(page);
  // The rows counted as new now lead the list, above the ones shown before (or fill all of it).
  const previousTop = after.indexOf(before[0]!);
  expect(previousTop === -1 ? after.length : previousTop).toBeGreaterThanOrEqual(
    Math.min(counted, after.length),
  );
  // Still paused: showing them once does not resume the live updates.
  await expect(page.getByRole('button', { name: 'Resume live updates' })).toBeVisible();
  expect(problems).toEqual([]);
});
