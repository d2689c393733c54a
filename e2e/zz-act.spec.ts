import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { readChart, readSeriesPoints } from './support/charts.ts';
import { ERROR_SPIKE, keepScreenshot, PASSWORD, watchProblems } from './support/journey.ts';
import { LIVE_REFRESH_MS } from '../apps/web/src/lib/live-refresh.ts';

/**
 * "Propose and approve": an operator acts on the error spike's culprits from their pages; an
 * approver, in a second browser, judges the high-risk action on its evidence and approves it.
 *
 * Named zz- so it runs after every other journey (Playwright runs files alphabetically with one
 * worker): it changes the live demo (the restart clears a fault, the drain moves an entity), which
 * the drill-down journey must not see.
 */
const [RESTARTED, DRAINED] = ERROR_SPIKE.culprits;
const SEGMENT = ERROR_SPIKE.segment;
const MINUTE = 60_000;

async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.request.post('/api/v1/auth/login', {
    data: { username, password: PASSWORD },
  });
  expect(response.ok(), `sign-in of ${username} answered ${response.status()}`).toBe(true);
  return page;
}

async function propose(
  page: Page,
  entityId: string,
  actionLabel: string,
  rationale: string,
  expectPolicy: RegExp,
): Promise<number> {
  await page.goto(`/segments/${SEGMENT}/entities/${entityId}?range=1h`);
  await page.getByRole('button', { name: 'Propose action' }).click();
  const form = page.getByRole('form', { name: 'Propose action' });
  await form.getByRole('combobox', { name: 'Action' }).selectOption({ label: actionLabel });
  await form.getByLabel(/Rationale/).fill(rationale);
  await expect(form.getByTestId('policy-requirement')).toContainText(expectPolicy);
  await expect(form.getByTestId('blast-radius')).toContainText(SEGMENT);
  await form.getByRole('button', { name: 'Propose', exact: true }).click();
  const created = page.getByRole('region', { name: 'Proposed action' });
  await expect(created).toBeVisible();
  const id = Number((await created.textContent())?.match(/#(\d+)/)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

async function actionState(page: Page, id: number): Promise<string> {
  const response = await page.request.get(`/api/v1/actions/${id}`);
  return ((await response.json()) as { data: { action: { state: string } } }).data.action.state;
}

/**
 * The texts of the action flags drawn on a chart, once at least one of them is visible. A live
 * view's answer is shared for a second or two, so one computed just before the action executed
 * may be served first: the flag then arrives with the next live refresh.
 */
async function flagTexts(figure: Locator, seriesName: string): Promise<string[]> {
  await expect(
    figure
      .locator('.highcharts-flags-series .highcharts-label', { hasText: 'Action' })
      .filter({ visible: true })
      .first(),
  ).toBeVisible({ timeout: 2 * LIVE_REFRESH_MS });
  return (await readSeriesPoints(figure, seriesName)).map((p) => p.text ?? '');
}

/**
 * What the entity's chart says about the restart: errors in the minutes before it, and at least one
 * whole minute after it with requests and no errors (and no errors in any minute after it).
 */
async function restartOnChart(page: Page, restartedAt: number) {
  await page.goto(`/segments/${SEGMENT}/entities/${RESTARTED}?range=1h`);
  const red = page.getByRole('figure', { name: /Rate, errors and latency/ });
  await expect(red.locator('.highcharts-series-group')).toBeVisible();
  const [rate, errors] = await Promise.all([
    readSeriesPoints(red, 'Requests per second'),
    readSeriesPoints(red, 'Errors'),
  ]);
  // The simulator picks up the cleared fault within a few seconds; the first minute bucket wholly after that is judged.
  const firstCleanMinute = Math.ceil((restartedAt + 8_000) / MINUTE) * MINUTE;
  const served = (x: number) => rate.some((p) => p.x === x && (p.y ?? 0) > 0);
  const after = errors.filter((p) => p.x >= firstCleanMinute);
  return {
    failingBefore: errors.some((p) => p.x < restartedAt - MINUTE && (p.y ?? 0) > 0),
    cleanMinuteAfter: after.some((p) => p.y === 0 && served(p.x)),
    errorsAfter: after.reduce((sum, p) => sum + (p.y ?? 0), 0),
  };
}

test('an operator proposes, an approver approves on the evidence, the action executes and the audit chain verifies', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const operator = await signedInPage(browser, 'operator');
  const approver = await signedInPage(browser, 'approver');
  const problems = [...watchProblems(operator), ...watchProblems(approver)];
  let drainId: number | null = null;
  let quarantineId: number | null = null;

  try {
    // A restart is low risk: policy approves and executes it at once.
    const restartedAt = Date.now();
    const restartId = await propose(
      operator,
      RESTARTED,
      'Restart entity (low risk)',
      'DbPoolExhausted on 90% of requests; a restart clears the pool.',
      /Approved by policy/,
    );
    await expect.poll(() => actionState(operator, restartId), { timeout: 20_000 }).toBe('executed');

    // The entity's error rate falls on its chart: errors before the restart, a clean minute after it.
    // One entity gets about one request every 7–13 s at the e2e simulator rate (less at night in its
    // region), and the minute must be rolled up, so the wait allows for a dozen requests.
    await expect
      .poll(() => restartOnChart(operator, restartedAt), { timeout: 150_000, intervals: [5_000] })
      .toEqual({ failingBefore: true, cleanMinuteAfter: true, errorsAfter: 0 });
    await keepScreenshot(operator, testInfo, 'act-restart-on-chart');

    // The operator first proposes a quarantine of the second culprit, then thinks better of it and
    // withdraws it from the action's page; only the proposer may, and the approver is told so.
    quarantineId = await propose(
      operator,
      DRAINED,
      'Quarantine entity (high risk)',
      'Second DbPoolExhausted culprit; isolate it from traffic.',
      /Needs 1 approval/,
    );
    await approver.goto(`/actions/${quarantineId}`);
    await expect(approver.getByRole('button', { name: 'Cancel action' })).toBeDisabled();
    await expect(approver.getByTestId('cancel-reason')).toContainText(
      'only the proposer (operator) may cancel it',
    );
    await operator.goto(`/actions/${quarantineId}`);
    const withdraw = operator.getByRole('group', { name: `Cancel action ${quarantineId}` });
    await withdraw
      .getByLabel(/Comment/)
      .fill('A drain is enough; quarantine is heavier than needed.');
    await withdraw.getByRole('button', { name: 'Cancel action' }).click();
    await expect(
      operator.getByRole('status').filter({ hasText: `Action #${quarantineId} is now cancelled.` }),
    ).toBeVisible();
    await expect(
      operator
        .getByRole('list', { name: `Timeline of action ${quarantineId}` })
        .locator('li[data-event="action.cancelled"]'),
    ).toContainText('operator');
    expect(await actionState(operator, quarantineId)).toBe('cancelled');

    // A drain is high risk: it waits for someone else's approval. The cancelled quarantine no longer holds the entity.
    drainId = await propose(
      operator,
      DRAINED,
      'Drain entity (high risk)',
      'Second DbPoolExhausted culprit; take it out of rotation while we look.',
      /Needs 1 approval/,
    );
    expect(await actionState(operator, drainId)).toBe('proposed');

    // The proposer may not approve their own action: the button says why, and the API refuses.
    await operator.goto('/approvals');
    const own = operator.getByRole('article', { name: new RegExp(`^Action ${drainId}:`) });
    await expect(own.getByRole('button', { name: 'Approve' })).toBeDisabled();
    await expect(own.getByTestId('approve-reason')).toContainText(/you proposed this action/i);
    const selfApproval = await operator.request.post(`/api/v1/actions/${drainId}/approve`, {
      data: { comment: 'self' },
    });
    expect(selfApproval.status()).toBe(403);

    // The approver narrows the queue to the entity, sees the rationale, the evidence as proposed, the checks now, and approves.
    await approver.goto('/approvals');
    await expect(approver.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(
      'Approvals',
    );
    const queueFilter = approver.getByRole('search', { name: 'Filter actions' });
    await queueFilter.getByLabel('Target').fill(DRAINED);
    await queueFilter.getByLabel('Target').press('Enter');
    await expect(approver).toHaveURL(new RegExp(`[?&]target=${DRAINED}`));
    await expect(approver.getByRole('status').filter({ hasText: /^1 action\.$/ })).toBeVisible();
    const review = approver.getByRole('article', { name: new RegExp(`^Action ${drainId}:`) });
    await expect(review.getByLabel('Rationale')).toContainText('Second DbPoolExhausted culprit');
    // The evidence opens the window the proposer saw, fixed in time, not "the last hour" of now.
    await expect(review.getByTestId('evidence-link')).toHaveAttribute(
      'href',
      new RegExp(
        `^/segments/${SEGMENT}/entities/${DRAINED}\\?(?!.*range=)(.*&)?from=[^&]+&to=[^&]+$`,
      ),
    );
    await expect(
      review
        .getByRole('table', { name: /Changed since proposal/ })
        .locator('tr[data-figure="errors"]'),
    ).toBeVisible();
    await expect(
      review
        .getByRole('list', { name: /Preconditions of action/ })
        .locator('li')
        .first(),
    ).toContainText(/Pass|Fail/);
    await expect(review.getByTestId('approval-progress')).toContainText('0 of 1');
    await keepScreenshot(approver, testInfo, 'act-approvals');
    await review.getByLabel(/Comment/).fill('Evidence holds: errors still high.');
    await review.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => actionState(approver, drainId!), { timeout: 20_000 }).toBe('executed');

    // The action is a flag on the entity's chart, even though the drained entity's rate line stops before it.
    await operator.goto(`/segments/${SEGMENT}/entities/${DRAINED}?range=1h`);
    const red = operator.getByRole('figure', { name: /Rate, errors and latency/ });
    expect(await flagTexts(red, 'Changes, alerts and actions')).toContainEqual(
      expect.stringContaining(`${DRAINED} (#${drainId})`),
    );
    const flags = (await readChart(red)).series.find(
      (s) => s.name === 'Changes, alerts and actions',
    );
    expect(flags?.points ?? 0).toBeGreaterThanOrEqual(1);

    // Both actions are flags on the segment's chart and on the fleet chart of the overview too.
    await operator.goto(`/segments/${SEGMENT}?range=1h`);
    const segmentTexts = await flagTexts(
      operator.getByRole('figure', { name: /Requests, latency and errors of/ }),
      'Changes, alerts and actions',
    );
    expect(segmentTexts).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${RESTARTED} (#${restartId})`),
        expect.stringContaining(`${DRAINED} (#${drainId})`),
      ]),
    );
    await operator.goto('/?range=1h');
    const fleetTexts = await flagTexts(
      operator.getByRole('figure', { name: 'Fleet requests, latency and errors' }),
      'Changes, alerts and actions',
    );
    expect(fleetTexts).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${RESTARTED} (#${restartId})`),
        expect.stringContaining(`${DRAINED} (#${drainId})`),
      ]),
    );
    await keepScreenshot(operator, testInfo, 'act-fleet-flags');

    // The timeline tells the story; the breadcrumbs lead back to the drained entity's chart.
    await approver.goto(`/actions/${drainId}`);
    await expect(
      approver.getByRole('list', { name: `Timeline of action ${drainId}` }),
    ).toContainText('approver');
    await expect(
      approver
        .getByRole('navigation', { name: 'Breadcrumb' })
        .getByRole('link', { name: `Entity ${DRAINED}` }),
    ).toHaveAttribute('href', `/segments/${SEGMENT}/entities/${DRAINED}?range=6h`);

    // The proposer ends the episode: the drained entity returns to service, from the action's page.
    await operator.goto(`/actions/${drainId}`);
    const undo = operator.getByRole('group', { name: `Roll back action ${drainId}` });
    await undo.getByLabel(/Comment/).fill('End of the journey: back into rotation.');
    await undo.getByRole('button', { name: 'Roll back' }).click();
    await expect(
      operator.getByRole('status').filter({ hasText: `Action #${drainId} is now rolled back.` }),
    ).toBeVisible();
    expect(await actionState(operator, drainId)).toBe('rolled_back');
    await keepScreenshot(operator, testInfo, 'act-rolled-back');

    // The audit chain verifies, and the trail of the drain, filtered in the URL, holds every step.
    await approver.goto('/audit');
    await expect(approver.getByRole('status', { name: 'Audit verification' })).toHaveAttribute(
      'data-ok',
      'true',
    );
    await expect(approver.getByRole('status', { name: 'Audit verification' })).toContainText(
      'Verified',
    );
    const trailFilter = approver.getByRole('search', { name: 'Filter the audit trail' });
    await trailFilter.getByLabel('Action #').fill(String(drainId));
    await trailFilter.getByRole('button', { name: 'Apply' }).click();
    await expect(approver).toHaveURL(new RegExp(`[?&]actionId=${drainId}`));
    const records = approver.getByRole('table', { name: 'Audit records' }).locator('tbody tr');
    await expect(records.and(approver.locator('[data-event="action.rolled_back"]'))).toHaveCount(1);
    await expect(records.and(approver.locator('[data-event="action.executed"]'))).toHaveCount(1);
    await expect(
      records.filter({ hasNot: approver.locator(`a[href="/actions/${drainId}"]`) }),
    ).toHaveCount(0);
    await keepScreenshot(approver, testInfo, 'act-audit');
    expect(problems).toEqual([]);
  } finally {
    // Leave the demo as it was for the next run, even when a step above failed.
    if (drainId !== null && (await actionState(operator, drainId)) === 'executed')
      await operator.request.post(`/api/v1/actions/${drainId}/rollback`, {
        data: { comment: 'journey cleanup' },
      });
    for (const id of [drainId, quarantineId])
      if (id !== null && (await actionState(operator, id)) === 'proposed')
        await operator.request.post(`/api/v1/actions/${id}/cancel`, {
          data: { comment: 'journey cleanup' },
        });
  }
});
