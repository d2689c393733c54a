import { expect, test, type Page } from '@playwright/test';
import { INCIDENT_RULES } from '../packages/shared/src/trends/incidents.ts';
import {
  ERROR_SPIKE,
  findSpikeHour,
  keepScreenshot,
  PASSWORD,
  watchProblems,
} from './support/journey.ts';

/**
 * "Stability trends": a manager reads the trends, finds the seeded error spike as an incident of
 * its segment with error budget spent and a burn-rate alert firing, follows the incident into the
 * segment drill-down at the incident's window, and never meets a propose or approve control.
 */
const SEGMENT = ERROR_SPIKE.segment;
const MINUTE = 60_000;

async function expectNoActionControls(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /propose|approve|reject/i })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /propose|approve/i })).toHaveCount(0);
}

test('a manager finds the error spike as an incident and follows it into the drill-down', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  const signIn = await page.request.post('/api/v1/auth/login', {
    data: { username: 'manager', password: PASSWORD },
  });
  expect(signIn.ok(), `sign-in of manager answered ${signIn.status()}`).toBe(true);
  const spike = await findSpikeHour(page);

  await page.goto('/trends?period=7d');
  await expect(page.getByRole('heading', { name: 'Stability trends' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Trends' }),
  ).toBeVisible();
  // The page picks its own period; the header's drill-down window would mean nothing here.
  await expect(page.getByRole('group', { name: 'Time range' })).toHaveCount(0);

  const row = page
    .getByRole('table', { name: 'SLO by segment' })
    .locator(`tr[data-segment="${SEGMENT}"]`);
  await expect(row).toBeVisible();
  // Allowed / spent: the spike's failures are counted against the budget.
  expect(
    Number(await row.locator('[data-budget-spent]').getAttribute('data-budget-spent')),
  ).toBeGreaterThan(0);
  // Ninety minutes of the spike alone fail more requests than a week's budget allows.
  await expect(row.locator('[data-budget-left]')).toContainText('budget spent');

  // The spike burns the budget several times too fast; which rules fire depends on how long it has run.
  const firing = page.locator(`tr[data-alert^="${SEGMENT}:"][data-firing="true"]`);
  await expect(firing.first()).toContainText('Firing');

  const incidents = page.getByRole('table', { name: 'Incidents' });
  const incidentLinks = incidents.getByRole('link', {
    name: new RegExp(`Open incident in ${SEGMENT}`),
  });
  await expect(incidentLinks.first()).toBeVisible();
  // The incident at the spike: the one whose window holds the spike's first failing minute.
  const hrefs = await incidentLinks.evaluateAll((links) =>
    links.map((a) => a.getAttribute('href') ?? ''),
  );
  const windows = hrefs.map((href) => {
    const params = new URL(href, 'http://x').searchParams;
    return {
      href,
      from: Date.parse(params.get('from') ?? ''),
      to: Date.parse(params.get('to') ?? ''),
    };
  });
  const atSpike = windows.find((w) => w.from <= spike.from + MINUTE && w.to > spike.from);
  expect(
    atSpike,
    `an incident of ${SEGMENT} around ${new Date(spike.from).toISOString()} among ${hrefs.join(', ')}`,
  ).toBeDefined();
  // An incident starts at its first breach minute. A breach of the segment's background traffic
  // within the merge gap before the spike belongs to the same incident (INCIDENT_RULES), so the
  // start may come that much early; it must never come more than a few minutes late.
  const lateBy = atSpike!.from + MINUTE - spike.from;
  expect(
    lateBy,
    `the incident starts at the spike (${lateBy / MINUTE} min late)`,
  ).toBeLessThanOrEqual(5 * MINUTE);
  expect(
    -lateBy,
    `the incident starts no earlier than the merge gap before the spike (${-lateBy / MINUTE} min early)`,
  ).toBeLessThanOrEqual(INCIDENT_RULES.mergeGapMs + 5 * MINUTE);

  await expect(page.getByRole('region', { name: 'Definitions' })).toContainText('Burn rate');
  await expectNoActionControls(page);
  await keepScreenshot(page, testInfo, 'trends-manager');

  await incidents.locator(`a[href="${atSpike!.href}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/segments/${SEGMENT}\\?`));
  const url = new URL(page.url());
  expect(Date.parse(url.searchParams.get('from') ?? '')).toBe(atSpike!.from);
  expect(Date.parse(url.searchParams.get('to') ?? '')).toBe(atSpike!.to);
  await expect(page.getByRole('region', { name: 'Segment summary' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Segment summary' })).toContainText(/Error ratio/);
  await expect(page.getByRole('group', { name: 'Time range' })).toBeVisible();
  await expectNoActionControls(page);
  await keepScreenshot(page, testInfo, 'trends-incident-drilldown');

  expect(problems).toEqual([]);
});

test('an operator is not offered trends and the API refuses them', async ({ page }) => {
  const signIn = await page.request.post('/api/v1/auth/login', {
    data: { username: 'operator', password: PASSWORD },
  });
  expect(signIn.ok()).toBe(true);
  await page.goto('/');
  await expect(
    page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Approvals' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Trends' })).toHaveCount(0);
  expect((await page.request.get('/api/v1/trends?period=7d')).status()).toBe(403);
});
