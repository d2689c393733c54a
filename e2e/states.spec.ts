import { expect, test } from '@playwright/test';
import { ERROR_SPIKE, signIn, watchProblems } from './support/journey.ts';

/**
 * Issue #21's states: a guarded button says why it cannot be pressed, an error offers Retry and no
 * action on a target that is not there, and signing in starts from a clean console.
 */

test('a rationale under 20 characters leaves Propose disabled, saying why beside it', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`/segments/${ERROR_SPIKE.segment}?range=1h`);
  await page.getByRole('button', { name: 'Propose action' }).click();
  const form = page.getByRole('form', { name: 'Propose action' });
  await form.getByLabel(/Rationale/).fill('Scale it now');

  const propose = form.getByRole('button', { name: 'Propose', exact: true });
  await expect(propose).toBeDisabled();
  const reason = form.getByTestId('propose-reason');
  await expect(reason).toBeVisible();
  await expect(reason).toHaveText(
    'Propose unavailable: write at least 20 characters of rationale (12 so far)',
  );
  // The reason is the button's description for assistive technology.
  await expect(propose).toHaveAccessibleDescription(/write at least 20 characters/);
  // Disabled looks disabled: not the enabled primary button's colours.
  const looks = await propose.evaluate((el) => getComputedStyle(el).cursor);
  expect(looks).toBe('not-allowed');

  await form.getByLabel(/Rationale/).fill('Error ratio above 80% on two instances: restart them');
  await expect(form.getByTestId('propose-reason')).toHaveCount(0);
  // Once its figures arrived, the form may be sent: nothing else holds it back.
  await expect(propose).toBeEnabled();
});

test('a segment that does not exist shows the error with Retry, and offers no action', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await signIn(page);
  await page.goto('/segments/no-such-segment?range=1h');
  const alert = page.getByRole('alert').filter({ hasText: 'Segment no-such-segment' });
  await expect(alert).toContainText('could not be loaded');
  await expect(alert).toContainText('does not exist');
  await expect(page.getByRole('button', { name: 'Propose action' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);

  const retry = alert.getByRole('button', { name: 'Retry' });
  const refetch = page.waitForResponse((r) => r.url().includes('/api/v1/segments/no-such-segment'));
  await retry.click();
  expect((await refetch).status()).toBe(404);
  await expect(alert).toContainText('does not exist');
  // The page reloads its segment (its error leaves while it loads): focus goes to the page's
  // heading rather than to the top of the document.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Propose action' })).toHaveCount(0);
  // The 404s are what this test provokes; nothing else may go wrong on the page.
  expect(problems.filter((p) => !/404/.test(p))).toEqual([]);
});

test('signed out, the app goes to sign-in without a single console error', async ({ page }) => {
  const problems = watchProblems(page);
  const unauthorised: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 401) unauthorised.push(r.url());
  });
  await page.goto('/segments/checkout-eu?range=1h');
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByRole('heading', { name: 'Sign in to Watchfloor' })).toBeVisible();
  await page.goto('/login');
  await expect(page.getByLabel('Username')).toBeVisible();
  expect(unauthorised).toEqual([]);
  expect(problems).toEqual([]);
});
