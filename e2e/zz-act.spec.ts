import { expect, test, type Browser, type Page } from '@playwright/test';
import { readChart } from './support/charts.ts';
import { ERROR_SPIKE, keepScreenshot, PASSWORD, watchProblems } from './support/journey.ts';

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

async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  expect(response.ok(), `sign-in of ${username} answered ${response.status()}`).toBe(true);
  return page;
}

async function propose(page: Page, entityId: string, actionLabel: string, rationale: string, expectPolicy: RegExp): Promise<number> {
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

test('an operator proposes, an approver approves on the evidence, the action executes and the audit chain verifies', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const operator = await signedInPage(browser, 'operator');
  const approver = await signedInPage(browser, 'approver');
  const problems = [...watchProblems(operator), ...watchProblems(approver)];

  // A restart is low risk: policy approves and executes it at once.
  const restartedAt = Date.now();
  const restartId = await propose(operator, RESTARTED, 'Restart entity (low risk)', 'DbPoolExhausted on 90% of requests; a restart clears the pool.', /Approved by policy/);
  await expect.poll(() => actionState(operator, restartId), { timeout: 20_000 }).toBe('executed');

  // Its new requests stop failing: raw events after the simulator picked up the change are all ok.
  // One entity gets about one request every 7–13 s at the e2e simulator rate (less at night in its
  // region), so the wait allows for a dozen of them.
  await expect
    .poll(
      async () => {
        const response = await operator.request.get(`/api/v1/events?entityId=${RESTARTED}&limit=200`);
        const events = ((await response.json()) as { data: { events: { ts: number; kind: string; status: string }[] } }).data.events.filter((e) => e.kind === 'request' && e.ts >= restartedAt + 8_000);
        return { requests: events.length >= 2, errors: events.filter((e) => e.status === 'error').length };
      },
      { timeout: 150_000, intervals: [5_000] },
    )
    .toEqual({ requests: true, errors: 0 });

  // A drain is high risk: it waits for someone else's approval.
  const drainId = await propose(operator, DRAINED, 'Drain entity (high risk)', 'Second DbPoolExhausted culprit; take it out of rotation while we look.', /Needs 1 approval/);
  expect(await actionState(operator, drainId)).toBe('proposed');

  // The proposer may not approve their own action: the button says why, and the API refuses.
  await operator.goto('/approvals');
  const own = operator.getByRole('article', { name: new RegExp(`^Action ${drainId}:`) });
  await expect(own.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(own.getByTestId('approve-reason')).toContainText(/you proposed this action/i);
  const selfApproval = await operator.request.post(`/api/v1/actions/${drainId}/approve`, { data: { comment: 'self' } });
  expect(selfApproval.status()).toBe(403);

  // The approver sees the rationale, the evidence as proposed, the checks now, and approves.
  await approver.goto('/approvals');
  const review = approver.getByRole('article', { name: new RegExp(`^Action ${drainId}:`) });
  await expect(review.getByLabel('Rationale')).toContainText('Second DbPoolExhausted culprit');
  await expect(review.getByTestId('evidence-link')).toHaveAttribute('href', `/segments/${SEGMENT}/entities/${DRAINED}?range=1h`);
  await expect(review.getByRole('table', { name: /Changed since proposal/ }).locator('tr[data-figure="errors"]')).toBeVisible();
  await expect(review.getByRole('list', { name: /Preconditions of action/ }).locator('li').first()).toContainText(/Pass|Fail/);
  await expect(review.getByTestId('approval-progress')).toContainText('0 of 1');
  await keepScreenshot(approver, testInfo, 'act-approvals');
  await review.getByLabel(/Comment/).fill('Evidence holds: errors still high.');
  await review.getByRole('button', { name: 'Approve' }).click();
  await expect.poll(() => actionState(approver, drainId), { timeout: 20_000 }).toBe('executed');

  // The action is a flag on the entity's chart, even though the drained entity's rate line stops before it.
  await operator.goto(`/segments/${SEGMENT}/entities/${DRAINED}?range=1h`);
  const red = operator.getByRole('figure', { name: /Rate, errors and latency/ });
  // Highstock hides flags that would overlap others; at least one action flag must show.
  await expect(red.locator('.highcharts-flags-series .highcharts-label', { hasText: 'Action' }).filter({ visible: true }).first()).toBeVisible();
  const flags = (await readChart(red)).series.find((s) => s.name === 'Deploys, alerts and actions');
  expect(flags?.points ?? 0).toBeGreaterThanOrEqual(1);

  // The timeline tells the story, and the audit chain verifies.
  await approver.goto(`/actions/${drainId}`);
  await expect(approver.getByRole('list', { name: `Timeline of action ${drainId}` })).toContainText('approver');
  await approver.goto('/audit');
  await expect(approver.getByRole('status', { name: 'Audit verification' })).toHaveAttribute('data-ok', 'true');
  await expect(approver.getByRole('status', { name: 'Audit verification' })).toContainText('Verified');
  await expect(approver.getByRole('table', { name: 'Audit records' }).locator('tbody tr').first()).toBeVisible();
  expect(problems).toEqual([]);

  // Leave the demo as it was for the next run: the drained entity returns to service.
  const rollback = await operator.request.post(`/api/v1/actions/${drainId}/rollback`, { data: { comment: 'end of the journey' } });
  expect(rollback.ok(), `rollback answered ${rollback.status()}`).toBe(true);
});
