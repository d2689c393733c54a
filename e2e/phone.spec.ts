import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { ERROR_SPIKE, PASSWORD, keepScreenshot, watchProblems } from './support/journey.ts';

/**
 * Issue #21, on a phone: every page fits the screen's width (nothing scrolls sideways), tables
 * keep the column that names the row, and a folded column's value is one tap away.
 */
const PHONES = [
  { width: 390, height: 844 },
  { width: 360, height: 780 },
] as const;
const SEGMENTS_WITH_QUEUES = ['notifications', 'media-transcode', 'orders-pipeline-eu'];
const HOUR = 3_600_000;

/** A page in a phone-sized, touch browser context of its own, signed in as `username` when given. */
async function phonePage(
  browser: Browser,
  phone: (typeof PHONES)[number],
  username?: string,
): Promise<Page> {
  const context = await browser.newContext({ viewport: phone, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  if (username) {
    const response = await page.request.post('/api/v1/auth/login', {
      data: { username, password: PASSWORD },
    });
    expect(response.ok(), `sign-in of ${username} answered ${response.status()}`).toBe(true);
  }
  return page;
}

/** Whether anything makes the document wider than the screen, and what, to say so when it does. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = window.innerWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
  expect(
    overflow.scrollWidth,
    `${where} is ${overflow.scrollWidth}px wide on a ${overflow.width}px screen: ${overflow.culprits.join(', ')}`,
  ).toBeLessThanOrEqual(overflow.width);
}

/**
 * A folded column of `row`: its value is hidden until the row's Details button is tapped, then
 * shown; a second tap folds it again.
 */
async function expectUnfoldsOnTap(row: Locator, column: string): Promise<void> {
  const cell = row.locator(`[data-label="${column}"]`);
  await expect(cell).toBeHidden();
  await row.getByRole('button', { name: 'Details' }).tap();
  await expect(cell).toBeVisible();
  await expect(cell).not.toBeEmpty();
  await row.getByRole('button', { name: 'Less' }).tap();
  await expect(cell).toBeHidden();
}

/** A healthy worker or pipeline, which a queue flush may target. */
async function queueHolder(page: Page): Promise<{ segment: string; entity: string }> {
  for (const segment of SEGMENTS_WITH_QUEUES) {
    const response = await page.request.get(`/api/v1/segments/${segment}?range=1h`);
    if (!response.ok()) continue;
    const { data } = (await response.json()) as {
      data: {
        entities: {
          id: string;
          kind: string;
          state: string;
          silent: boolean;
          quality: { state: string };
        }[];
      };
    };
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

for (const phone of PHONES) {
  test.describe(`on a ${phone.width} px phone`, () => {
    test('sign-in, overview, segment, entity and raw events fit the screen; names stay, the rest is a tap away', async ({
      browser,
    }, testInfo) => {
      test.setTimeout(180_000);
      const login = await phonePage(browser, phone);
      await login.goto('/login');
      await expect(login.getByRole('button', { name: /Sign in/ }).first()).toBeVisible();
      await expectNoSidewaysScroll(login, 'the sign-in page');

      const page = await phonePage(browser, phone, 'operator');
      const problems = watchProblems(page);

      await page.goto('/?range=1h');
      const segments = page.getByRole('table', { name: /Segment health/ });
      const spikeRow = segments.locator(`tbody tr[data-segment="${ERROR_SPIKE.segment}"]`);
      await expect(spikeRow.getByRole('link').first()).toBeVisible();
      await expect(spikeRow.locator('[data-label="Now"]')).toBeVisible();
      // The chart is drawn (its code loads with the first chart) before the width is measured.
      await expect(
        page.getByRole('figure', { name: /Fleet requests/ }).locator('.highcharts-root'),
      ).toBeVisible({ timeout: 30_000 });
      await expectNoSidewaysScroll(page, 'the overview');
      // The header's sections are behind the Menu button, and fit when it is open.
      const sections = page.getByRole('navigation', { name: 'Sections' });
      await expect(sections).toBeHidden();
      await page.getByRole('button', { name: 'Menu', exact: true }).tap();
      await expect(sections).toBeVisible();
      await expectNoSidewaysScroll(page, 'the overview with the menu open');
      await page.getByRole('button', { name: 'Menu', exact: true }).tap();
      await expectUnfoldsOnTap(spikeRow, 'Error ratio');
      await expectNoSidewaysScroll(page, 'the overview with a row unfolded');
      await keepScreenshot(page, testInfo, `phone-${phone.width}-overview`);

      await page.goto(`/segments/${ERROR_SPIKE.segment}?range=1h`);
      const entities = page.getByRole('table', { name: /Entities ranked by contribution/ });
      const firstEntity = entities.locator('tbody tr').first();
      await expect(firstEntity.getByRole('link')).toBeVisible();
      await expectNoSidewaysScroll(page, 'the segment page');
      await expectUnfoldsOnTap(firstEntity, 'Requests');
      await keepScreenshot(page, testInfo, `phone-${phone.width}-segment`);

      const entity = ERROR_SPIKE.culprits[0];
      await page.goto(`/segments/${ERROR_SPIKE.segment}/entities/${entity}?range=1h`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(entity);
      await expect(
        page
          .getByRole('figure', { name: `Rate, errors and latency of ${entity}` })
          .locator('.highcharts-root'),
      ).toBeVisible({ timeout: 30_000 });
      await expectNoSidewaysScroll(page, 'the entity page');
      await keepScreenshot(page, testInfo, `phone-${phone.width}-entity`);

      await page.goto(`/segments/${ERROR_SPIKE.segment}/entities/${entity}/events?range=1h`);
      const events = page.getByRole('table', { name: /Raw events/ });
      const firstEvent = events.locator('tbody tr').first();
      await expect(firstEvent.locator('[data-label="Status"]')).toBeVisible();
      await expect(firstEvent.getByRole('rowheader')).toBeVisible();
      await expectNoSidewaysScroll(page, 'the raw events page');
      await expectUnfoldsOnTap(firstEvent, 'Kind');
      await keepScreenshot(page, testInfo, `phone-${phone.width}-events`);

      await page.goto('/no-such-page');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page, 'the not-found page');
      expect(problems).toEqual([]);
    });

    test('approvals, an action, audit, trends and policy fit the screen; the rest of a row is a tap away', async ({
      browser,
    }, testInfo) => {
      test.setTimeout(180_000);
      const operator = await phonePage(browser, phone, 'operator');
      const approver = await phonePage(browser, phone, 'approver');
      const problems = [...watchProblems(operator), ...watchProblems(approver)];
      let actionId: number | null = null;
      try {
        // A proposal waiting for a decision, so the inbox and the action page have something to show.
        const { segment, entity } = await queueHolder(operator);
        const to = Math.floor(Date.now() / 60_000) * 60_000;
        const proposed = await operator.request.post('/api/v1/actions', {
          headers: { 'idempotency-key': `phone-${randomUUID()}` },
          data: {
            type: 'flush_queue',
            target: { kind: 'entity', id: entity },
            params: {},
            rationale: 'Read on a phone: the retry queue holds only stale messages.',
            evidence: {
              viewUrl: `/segments/${segment}/entities/${entity}?range=1h`,
              window: { from: to - HOUR, to },
              figures: { requests: 1200, errorRatio: 0.004, p95Ms: 310 },
              watermark: null,
              quality: { state: 'ok' },
            },
          },
        });
        expect(proposed.status(), await proposed.text()).toBe(201);
        actionId = ((await proposed.json()) as { data: { id: number } }).data.id;

        await approver.goto('/approvals');
        await expect(approver.locator(`[data-action-id="${actionId}"]`)).toBeVisible();
        await expectNoSidewaysScroll(approver, 'the approvals inbox');
        await keepScreenshot(approver, testInfo, `phone-${phone.width}-approvals`);

        await operator.goto(`/actions/${actionId}`);
        await expect(
          operator.getByRole('article', { name: new RegExp(`^Action ${actionId}:`) }),
        ).toBeVisible();
        await expectNoSidewaysScroll(operator, 'the action page');
        await keepScreenshot(operator, testInfo, `phone-${phone.width}-action`);

        await approver.goto(`/audit?actionId=${actionId}`);
        const records = approver.getByRole('table', { name: 'Audit records' }).locator('tbody tr');
        const proposal = records.first();
        await expect(proposal.locator('[data-label="Event"]')).toBeVisible();
        await expectNoSidewaysScroll(approver, 'the audit trail');
        await expectUnfoldsOnTap(proposal, 'Actor');
        await keepScreenshot(approver, testInfo, `phone-${phone.width}-audit`);

        await approver.goto('/trends');
        const slo = approver.getByRole('table', { name: 'SLO by segment' });
        const firstSegment = slo.locator('tbody tr').first();
        await expect(firstSegment.getByRole('rowheader')).toBeVisible();
        await expect(firstSegment.locator('[data-label="Availability / SLO"]')).toBeVisible();
        await expectNoSidewaysScroll(approver, 'the trends page');
        await expectUnfoldsOnTap(firstSegment, 'Budget left');
        await keepScreenshot(approver, testInfo, `phone-${phone.width}-trends`);

        await approver.goto('/policy');
        await expect(approver.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await expectNoSidewaysScroll(approver, 'the policy page');
        expect(problems).toEqual([]);
      } finally {
        if (actionId !== null)
          await operator.request.post(`/api/v1/actions/${actionId}/cancel`, {
            data: { comment: 'Withdrawn by the phone journey.' },
          });
      }
    });
  });
}
