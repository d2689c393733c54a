import { expect, test, type Locator, type Page } from '@playwright/test';
import { ERROR_SPIKE, signIn, watchProblems, windowQuery } from './support/journey.ts';

const MINUTE = 60_000;

/** Presses Tab (or Shift+Tab) until `target` has focus: how a keyboard user reaches a link. */
async function tabTo(page: Page, target: Locator, limit = 300, key = 'Tab'): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${limit} presses of Tab never reached ${target.toString()}`);
}

/** The absolute window the address bar carries now. */
function urlWindow(page: Page): { from: number; to: number } {
  const params = new URL(page.url()).searchParams;
  return { from: Date.parse(params.get('from') ?? ''), to: Date.parse(params.get('to') ?? '') };
}

test('keyboard only: overview → segment → entity → events and back, moving the window with [ and z, / to the filter', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await signIn(page);
  // A fixed window in the past, so every move of it has exact expected bounds.
  const to = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
  const from = to - 40 * MINUTE;
  const length = to - from;
  await page.goto(`/?${windowQuery({ from, to })}`);
  await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();

  // `?` lists the shortcuts; Esc closes the list.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Move the window back by its length');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await tabTo(page, page.locator(`tr[data-segment="${ERROR_SPIKE.segment}"]`).getByRole('link'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: /Entities ranked/ })).toBeVisible();
  const segmentUrl = page.url();
  expect(segmentUrl).toContain(windowQuery({ from, to }));

  const culprit = ERROR_SPIKE.culprits[0];
  await tabTo(page, page.getByRole('link', { name: culprit, exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(culprit);
  const entityUrl = page.url();

  // `[`: the same length, one length earlier.
  await page.keyboard.press('[');
  await expect.poll(() => urlWindow(page)).toEqual({ from: from - length, to: to - length });
  const shiftedUrl = page.url();
  // `z`: twice as long around the same centre (still wholly in the past).
  await page.keyboard.press('z');
  await expect
    .poll(() => urlWindow(page))
    .toEqual({ from: from - length - length / 2, to: to - length + length / 2 });
  const zoomedUrl = page.url();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(culprit);

  // The entity page has no event filter; its raw events do, and `/` goes straight to it.
  await tabTo(page, page.getByRole('link', { name: 'Raw events for this window' }));
  await page.keyboard.press('Enter');
  const filters = page.getByRole('form', { name: 'Event filters' });
  await expect(filters).toBeVisible();
  await page.keyboard.press('/');
  await expect(filters.locator('select, input').first()).toBeFocused();
  // Typing in the filter stays typing: a "[" there is a character, not a move of the window.
  const eventsUrl = page.url();
  const errorClass = filters.getByLabel('Error class');
  await tabTo(page, errorClass, 5);
  await page.keyboard.press('[');
  await expect(errorClass).toHaveValue('[');
  expect(page.url()).toBe(eventsUrl);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');

  // Back up to the segment by keyboard, through the breadcrumbs, keeping the zoomed-out window.
  await tabTo(
    page,
    page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: /^Segment / }),
    60,
    'Shift+Tab',
  );
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new URL(new URL(zoomedUrl).search, segmentUrl).href);
  await expect(page.getByRole('table', { name: /Entities ranked/ })).toBeVisible();

  // Every window the keys chose is its own history entry, so back walks them in turn. Alt+← is
  // that same history back in a desktop browser (the shortcuts leave Alt chords alone), but
  // headless Chromium has no browser UI to bind it, so the test asks for history back directly.
  for (const url of [eventsUrl, zoomedUrl, shiftedUrl, entityUrl, segmentUrl]) {
    await page.goBack();
    await expect(page).toHaveURL(url);
  }
  await expect(page.getByRole('table', { name: /Entities ranked/ })).toBeVisible();
  expect(problems).toEqual([]);
});
