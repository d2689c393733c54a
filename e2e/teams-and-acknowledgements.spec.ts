import { expect, test } from '@playwright/test';
import {
  floorMinute,
  ingest,
  ingestToken,
  requestEvents,
  uniqueSlug,
} from './support/ingest-traffic.ts';
import { keepScreenshot, signedInPage, watchProblems } from './support/journey.ts';
import { openE2eDatabase } from './support/rollup-lease.ts';

const mysqlUrl = process.env.WATCHFLOOR_E2E_MYSQL_URL;
const MINUTE = 60_000;

interface OverviewRow {
  slug: string;
  owner: string | null;
  now: { status: string } | null;
  quality: { reason: string };
}

const overviewRows = async (request: {
  get: (url: string) => Promise<{ json(): Promise<unknown> }>;
}) =>
  ((await (await request.get('/api/v1/overview')).json()) as { data: { segments: OverviewRow[] } })
    .data.segments;

/**
 * A team-bound operator sees their team in the header, and the proposal form says, before they
 * press anything, that another team owns the segment; on their own team's segment it does not.
 */
test('a team-bound operator is told another team owns the segment before proposing', async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const page = await signedInPage(browser, 'payments-operator');
  const problems = watchProblems(page);
  const rows = await overviewRows(page.request);
  const theirs = rows.find((r) => r.owner !== null && r.owner !== 'team-payments');
  const ours = rows.find((r) => r.owner === 'team-payments');
  expect(theirs, 'a segment another team owns').toBeTruthy();
  expect(ours, 'a segment team-payments owns').toBeTruthy();

  await page.goto(`/segments/${theirs!.slug}`);
  await expect(page.locator('.user-menu__teams')).toContainText('team-payments');
  await page.getByRole('button', { name: 'Propose action' }).click();
  const form = page.getByRole('form', { name: 'Propose action' });
  await expect(form).toContainText(`${theirs!.slug} is owned by ${theirs!.owner}`, {
    timeout: 20_000,
  });
  await keepScreenshot(page, testInfo, 'team-refusal-preview');

  await page.goto(`/segments/${ours!.slug}`);
  await page.getByRole('button', { name: 'Propose action' }).click();
  await expect(page.getByRole('form', { name: 'Propose action' })).toContainText(
    /you are in team-payments, the owning team/,
    { timeout: 20_000 },
  );
  expect(problems).toEqual([]);
});

/**
 * An operator acknowledges a live incident on its segment page with a comment; a manager,
 * signed in elsewhere, reads who is on it on the overview.
 */
test('an acknowledgement with a comment is visible to everyone on the overview', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const pool = mysqlUrl ? openE2eDatabase(mysqlUrl) : null;
  try {
    const token = await ingestToken(pool, 'e2e-acknowledgement');
    test.skip(!token, 'needs WATCHFLOOR_E2E_MYSQL_URL or an ingest token');
    const segment = uniqueSlug('acked');
    const now = Date.now();
    await ingest(
      baseURL!,
      token!,
      requestEvents({
        segment,
        entities: [`${segment}-a`, `${segment}-b`],
        from: floorMinute(now) - 30 * MINUTE,
        to: now,
        perMinute: 20,
        errorShare: () => 0.3,
      }),
    );
    const operator = await signedInPage(browser, 'operator');
    const manager = await signedInPage(browser, 'manager');
    await expect
      .poll(
        async () =>
          (await overviewRows(operator.request)).find((r) => r.slug === segment)?.now?.status,
        {
          timeout: 120_000,
          intervals: [1_000],
        },
      )
      .toBe('critical');

    const comment = `On it — ${segment} failing since the last deploy`;
    await operator.goto(`/segments/${segment}`);
    await operator.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    const form = operator.getByRole('form', { name: `Acknowledge ${segment}` });
    await form.getByRole('textbox').fill(comment);
    await form.getByRole('button', { name: 'Acknowledge incident' }).click();
    await expect(operator.getByTestId('scope-acknowledgements')).toContainText(
      `Acknowledged by Olivia Operator: ${comment}`,
    );

    await manager.goto('/');
    const row = manager.locator(`tbody tr[data-segment="${segment}"]`);
    await expect(row).toContainText(`Acknowledged by Olivia Operator: ${comment}`, {
      timeout: 20_000,
    });
    await expect(manager.getByRole('button', { name: 'Acknowledge', exact: true })).toHaveCount(0);
    await keepScreenshot(manager, testInfo, 'overview-acknowledged');
  } finally {
    await pool?.end();
  }
});
