import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { keepScreenshot, signedInPage, watchProblems } from './support/journey.ts';
import { INBOX_REFRESH_MS } from '../apps/web/src/features/actions/api/inbox-refresh.ts';

/**
 * The approver's inbox: an approver, signed in in their own browser, sees the header count rise
 * within one refresh when an operator proposes, approves with a comment and is told what happened;
 * the operator reads that comment on the action's timeline.
 *
 * The proposal is a queue flush, which needs two approvers: one approval records the comment but
 * executes nothing, and the operator withdraws it at the end, so the live demo later journeys read
 * is not changed.
 */
const SEGMENTS_WITH_QUEUES = ['notifications', 'media-transcode', 'orders-pipeline-eu'];
const HOUR = 3_600_000;
const COMMENT = 'Backlog is stale retries only; one flush is fine by me.';

interface SegmentEntities {
  data: {
    entities: {
      id: string;
      kind: string;
      state: string;
      silent: boolean;
      quality: { state: string };
    }[];
  };
}

/** A healthy worker or pipeline of the demo fleet: the kind of entity a queue flush applies to. */
async function queueHolder(page: Page): Promise<{ segment: string; entity: string }> {
  for (const segment of SEGMENTS_WITH_QUEUES) {
    const response = await page.request.get(`/api/v1/segments/${segment}?range=1h`);
    if (!response.ok()) continue;
    const { data } = (await response.json()) as SegmentEntities;
    const entity = data.entities.find(
      (e) =>
        (e.kind === 'worker' || e.kind === 'pipeline') &&
        e.state === 'active' &&
        !e.silent &&
        e.quality.state === 'ok',
    );
    if (entity) return { segment, entity: entity.id };
  }
  throw new Error(`no healthy worker or pipeline in ${SEGMENTS_WITH_QUEUES.join(', ')}`);
}

test('an approver sees the count rise, approves with a comment, and the proposer reads it on the timeline', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const operator = await signedInPage(browser, 'operator');
  const approver = await signedInPage(browser, 'approver');
  const problems = [...watchProblems(operator), ...watchProblems(approver)];
  let actionId: number | null = null;

  try {
    // The approver is already looking at the app: the header says how much waits for them.
    await approver.goto('/approvals');
    const count = approver.getByTestId('inbox-link').getByTestId('inbox-count');
    await expect(count).toHaveText(/^\d+$/);
    const before = Number(await count.textContent());

    // The operator proposes an action that needs approval, with the absolute window they looked at.
    const { segment, entity } = await queueHolder(operator);
    const to = Math.floor(Date.now() / 60_000) * 60_000;
    const window = { from: to - HOUR, to };
    const proposed = await operator.request.post('/api/v1/actions', {
      headers: { 'idempotency-key': `inbox-${randomUUID()}` },
      data: {
        type: 'flush_queue',
        target: { kind: 'entity', id: entity },
        params: {},
        rationale: 'The retry queue holds only stale messages from last night’s outage.',
        evidence: {
          viewUrl: `/segments/${segment}/entities/${entity}?range=1h`,
          window,
          figures: { requests: 1200, errorRatio: 0.004, p95Ms: 310 },
          watermark: null,
          quality: { state: 'ok' },
        },
      },
    });
    expect(proposed.status(), await proposed.text()).toBe(201);
    actionId = ((await proposed.json()) as { data: { id: number } }).data.id;

    // Within one refresh of the count, without reloading the page.
    await expect(count).toHaveText(String(before + 1), { timeout: INBOX_REFRESH_MS + 5_000 });
    await expect(approver.getByTestId('inbox-link')).toHaveAttribute(
      'aria-label',
      /await.* your decision; the first expires in \d+ (min|s)/,
    );
    const card = approver.locator(`[data-action-id="${actionId}"]`);
    await expect(card.getByTestId('expires-in')).toHaveText(/^expires in \d+ (min|s)$/);
    // The evidence opens what the proposer saw then, not "the last hour" from now.
    const evidence = new URL(
      (await card.getByTestId('evidence-link').getAttribute('href')) ?? '',
      'http://x',
    );
    expect(evidence.pathname).toBe(`/segments/${segment}/entities/${entity}`);
    expect(evidence.searchParams.get('range')).toBeNull();
    expect(Date.parse(evidence.searchParams.get('from') ?? '')).toBe(window.from);
    expect(Date.parse(evidence.searchParams.get('to') ?? '')).toBe(window.to);
    await expect(
      card.getByRole('table', { name: /Changed since proposal/ }).locator('th[scope="row"]'),
    ).toContainText(['Error ratio', 'Latency p95', 'Requests in the window']);

    // Approve with a comment: the card's decision is confirmed in words that stay.
    await card.getByLabel(/Comment/).fill(COMMENT);
    await card.getByRole('button', { name: 'Approve' }).click();
    const confirmation = approver.getByTestId('decision-confirmation');
    await expect(confirmation).toContainText(
      `Approval recorded on #${actionId} (Flush queue on ${entity}) — 1 of 2`,
    );
    await expect(
      confirmation.getByRole('link', { name: `Timeline of #${actionId}` }),
    ).toHaveAttribute('href', `/actions/${actionId}`);
    // Decided by this approver: it leaves their inbox at once (the decision invalidates the count).
    await expect(count).toHaveText(String(before), { timeout: 5_000 });
    await keepScreenshot(approver, testInfo, 'inbox-approved');

    // The approver finds the comment in the audit trail too.
    await approver.goto(`/audit?actionId=${actionId}`);
    await expect(
      approver.locator('tr[data-event="action.approval_recorded"] [data-testid="audit-comment"]'),
    ).toHaveText(COMMENT);

    // The operator reads who approved and why on the action's timeline.
    await operator.goto(`/actions/${actionId}`);
    const timeline = operator.getByRole('list', { name: `Timeline of action ${actionId}` });
    await expect(timeline.getByLabel('Comment by approver')).toHaveText(COMMENT);
    await keepScreenshot(operator, testInfo, 'inbox-timeline');

    // The operator withdraws it, and is told so.
    const withdraw = operator.getByRole('group', { name: `Cancel action ${actionId}` });
    await withdraw.getByLabel(/Comment/).fill('Withdrawn by the inbox journey.');
    await withdraw.getByRole('button', { name: 'Cancel action' }).click();
    await expect(operator.getByTestId('decision-confirmation')).toContainText(
      `Cancelled #${actionId}`,
    );
    actionId = null;
    expect(problems).toEqual([]);
  } finally {
    if (actionId !== null)
      await operator.request.post(`/api/v1/actions/${actionId}/cancel`, {
        data: { comment: 'Withdrawn by the inbox journey.' },
      });
  }
});
