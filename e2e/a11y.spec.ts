import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { PASSWORD } from './support/journey.ts';

/**
 * An automated accessibility scan (axe-core, WCAG 2.0 A/AA and 2.1 AA rules) of every page, with
 * its data painted, in the light theme, the dark theme the system asks for, and the dark theme
 * chosen in the header's setting. Any serious or critical violation fails, named with its rule,
 * the elements it was found on and the page. In the light theme a heading that skips a level
 * fails too.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);
const SEGMENT = 'checkout-eu';
const ENTITY = 'checkout-eu-api-03';
const SEGMENTS_WITH_QUEUES = ['notifications', 'media-transcode', 'orders-pipeline-eu'];

type User = 'operator' | 'approver' | 'manager' | 'admin';

interface PageCase {
  name: string;
  /** Signed out when null. */
  user: User | null;
  path: () => string;
  /** What the user sees once the page's own data is there. */
  ready: (page: Page) => Promise<void>;
}

interface Theme {
  name: string;
  colorScheme: 'light' | 'dark';
  /** The header's theme setting, kept for the user on this browser; null leaves it to the system. */
  setting: 'dark' | null;
  dark: boolean;
}

const THEMES: readonly Theme[] = [
  { name: 'light', colorScheme: 'light', setting: null, dark: false },
  { name: 'dark (system)', colorScheme: 'dark', setting: null, dark: true },
  { name: 'dark (setting)', colorScheme: 'light', setting: 'dark', dark: true },
];

/** A pending action to show on the approvals and action pages, withdrawn after the scans. */
let pendingActionId: number | null = null;

const PAGES: readonly PageCase[] = [
  {
    name: 'login',
    user: null,
    path: () => '/login',
    ready: async (page) => {
      await expect(page.getByLabel('Username')).toBeVisible();
    },
  },
  {
    name: 'overview',
    user: 'operator',
    path: () => '/?range=1h',
    ready: async (page) => {
      await expect(page.getByRole('table', { name: /Segment health/ })).toBeVisible();
    },
  },
  {
    name: 'segment',
    user: 'operator',
    path: () => `/segments/${SEGMENT}?range=1h`,
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Checkout EU');
      await expect(page.getByRole('table', { name: /Entities ranked/ })).toBeVisible();
    },
  },
  {
    name: 'entity',
    user: 'operator',
    path: () => `/segments/${SEGMENT}/entities/${ENTITY}?range=1h`,
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toContainText(ENTITY);
      await expect(page.getByRole('link', { name: 'Raw events for this window' })).toBeVisible();
    },
  },
  {
    name: 'events',
    user: 'operator',
    path: () => `/segments/${SEGMENT}/entities/${ENTITY}/events?range=1h`,
    ready: async (page) => {
      await expect(page.locator('main table tbody tr').first()).toBeVisible();
    },
  },
  {
    name: 'trends',
    user: 'manager',
    path: () => '/trends?period=7d',
    ready: async (page) => {
      await expect(page.getByRole('table', { name: 'SLO by segment' })).toBeVisible();
    },
  },
  {
    name: 'approvals (inbox)',
    user: 'approver',
    path: () => '/approvals',
    ready: async (page) => {
      await expect(page.locator(`[data-action-id="${pendingActionId}"]`)).toBeVisible();
    },
  },
  {
    name: 'action',
    user: 'operator',
    path: () => `/actions/${pendingActionId}`,
    ready: async (page) => {
      await expect(
        page.getByRole('list', { name: `Timeline of action ${pendingActionId}` }),
      ).toBeVisible();
    },
  },
  {
    name: 'audit',
    user: 'approver',
    path: () => '/audit',
    ready: async (page) => {
      await expect(page.locator('main table tbody tr').first()).toBeVisible();
    },
  },
  {
    name: 'policy',
    user: 'admin',
    path: () => '/policy',
    ready: async (page) => {
      await expect(page.getByRole('heading', { name: 'Action policy' })).toBeVisible();
      await expect(page.getByTestId('active-policy')).toBeVisible();
    },
  },
  {
    name: 'not found',
    user: 'operator',
    path: () => '/no-such-page',
    ready: async (page) => {
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    },
  },
];

async function signInAs(request: APIRequestContext, username: User): Promise<void> {
  const response = await request.post('/api/v1/auth/login', {
    data: { username, password: PASSWORD },
  });
  expect(response.ok(), `sign-in of ${username} answered ${response.status()}`).toBe(true);
}

/** A healthy worker or pipeline: a queue flush on it needs two approvals, so it stays pending. */
async function queueHolder(
  request: APIRequestContext,
): Promise<{ segment: string; entity: string }> {
  for (const segment of SEGMENTS_WITH_QUEUES) {
    const response = await request.get(`/api/v1/segments/${segment}?range=1h`);
    if (!response.ok()) continue;
    const { data } = (await response.json()) as {
      data: { entities: { id: string; kind: string; state: string; silent: boolean }[] };
    };
    const entity = data.entities.find(
      (e) => (e.kind === 'worker' || e.kind === 'pipeline') && e.state === 'active' && !e.silent,
    );
    if (entity) return { segment, entity: entity.id };
  }
  throw new Error(`no active worker or pipeline in ${SEGMENTS_WITH_QUEUES.join(', ')}`);
}

async function proposePendingAction(request: APIRequestContext): Promise<number> {
  const { segment, entity } = await queueHolder(request);
  const to = Math.floor(Date.now() / 60_000) * 60_000;
  const response = await request.post('/api/v1/actions', {
    headers: { 'idempotency-key': `a11y-${randomUUID()}` },
    data: {
      type: 'flush_queue',
      target: { kind: 'entity', id: entity },
      params: {},
      rationale: 'Accessibility scan of the approvals and action pages; withdrawn afterwards.',
      evidence: {
        viewUrl: `/segments/${segment}/entities/${entity}?range=1h`,
        window: { from: to - 3_600_000, to },
        figures: { requests: 1200, errorRatio: 0.004, p95Ms: 310 },
        watermark: null,
        quality: { state: 'ok' },
      },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { data: { id: number } }).data.id;
}

/** Loading lines and chart placeholders gone, the network quiet, every chart drawn. */
async function waitForPainted(page: Page): Promise<void> {
  const busy = page.locator('main .loading, main .chart-loading, main [aria-busy="true"]');
  await expect(busy).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  const charts = page.locator('.highcharts-container');
  for (let i = 0; i < (await charts.count()); i++)
    await expect(charts.nth(i).locator('.highcharts-series-group')).toBeAttached();
  await expect(busy).toHaveCount(0);
}

/** Relative luminance (WCAG) of the page's computed background, 0 (black) to 1 (white). */
async function backgroundLuminance(page: Page): Promise<number> {
  const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(colour, 'the page paints its own background').toMatch(/^rgb\(/);
  const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const operator = await playwright.request.newContext({ baseURL });
  await signInAs(operator, 'operator');
  pendingActionId = await proposePendingAction(operator);
  await operator.dispose();
});

test.afterAll(async ({ playwright, baseURL }) => {
  if (pendingActionId === null) return;
  const operator = await playwright.request.newContext({ baseURL });
  await signInAs(operator, 'operator');
  await operator.post(`/api/v1/actions/${pendingActionId}/cancel`, {
    data: { comment: 'Withdrawn after the accessibility scan.' },
  });
  await operator.dispose();
  pendingActionId = null;
});

for (const theme of THEMES) {
  test.describe(`${theme.name} theme`, () => {
    test.use({ colorScheme: theme.colorScheme });

    for (const target of PAGES) {
      // The setting belongs to a signed-in user; signed out, only the system decides.
      if (theme.setting && !target.user) continue;

      const headings = theme.name === 'light' ? ', and no heading skips a level' : '';
      test(`${target.name} has no serious or critical violations${headings}`, async ({ page }) => {
        if (target.user) await signInAs(page.request, target.user);
        if (theme.setting && target.user)
          await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
            `watchfloor.theme.${target.user}`,
            theme.setting,
          ] as const);
        await page.goto(target.path());
        await target.ready(page);
        await waitForPainted(page);

        // The scan only means something if the page really is in the theme under test.
        if (theme.setting)
          await expect(page.locator('html')).toHaveAttribute('data-theme', theme.setting);
        const luminance = await backgroundLuminance(page);
        if (theme.dark) expect(luminance, 'dark page background').toBeLessThan(0.05);
        else expect(luminance, 'light page background').toBeGreaterThan(0.8);

        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const blocking = results.violations
          .filter((v) => BLOCKING.has(v.impact ?? ''))
          .map(
            (v) =>
              `${v.impact} ${v.id} on ${target.name} (${page.url()}, ${theme.name}): ${v.help}\n` +
              v.nodes
                .map(
                  (n) => `    ${n.target.join(' ')}  — ${n.failureSummary?.split('\n')[1] ?? ''}`,
                )
                .join('\n'),
          );
        expect(blocking, blocking.join('\n')).toEqual([]);

        // Headings are how a screen reader user skims a page: none may skip a level, charts'
        // own headings included. The same in every theme, so scanned once.
        if (headings) {
          const order = await new AxeBuilder({ page }).withRules(['heading-order']).analyze();
          const skipped = order.violations.flatMap((v) =>
            v.nodes.map((n) => `${n.html} on ${target.name} (${page.url()})`),
          );
          expect(skipped, `headings that skip a level:\n${skipped.join('\n')}`).toEqual([]);
        }
      });
    }
  });
}
