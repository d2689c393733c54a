import path from 'node:path';
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';

/**
 * What every drill-down journey shares: the demo's scripted incidents (read from the simulator's
 * own definition, so journeys and data never disagree), signing in, watching for page errors,
 * and keeping screenshots of each level as artifacts.
 */
import { ERROR_SPIKE } from '../../apps/bff/src/modules/simulator/demo-scenario.ts';

export { ERROR_SPIKE };

/** The demo accounts' operator; override for a server with other accounts. */
export const USERNAME = process.env.WATCHFLOOR_E2E_USER ?? 'operator';
export const PASSWORD = process.env.WATCHFLOOR_E2E_PASSWORD ?? 'watchfloor';

/**
 * Signs in through the API, which sets the session cookie in the page's browser context. The
 * sign-in form itself is covered by the smoke journey; the drill-down journeys start signed in.
 */
export async function signIn(page: Page, baseURL?: string): Promise<void> {
  const response = await page.request.post(`${baseURL ?? ''}/api/v1/auth/login`, {
    data: { username: USERNAME, password: PASSWORD },
  });
  expect(response.ok(), `sign-in answered ${response.status()}`).toBe(true);
}

/** Collects page errors and console errors, so a journey can assert it ran clean. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** Full-page screenshots of each level, kept in e2e/artifacts (gitignored) for review. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.config.rootDir, 'artifacts', `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

const MINUTE = 60_000;

/** An absolute window as the app writes it in a URL query. */
export function windowQuery(window: { from: number; to: number }): string {
  const iso = (ts: number) => new Date(ts).toISOString().replace('.000Z', 'Z');
  return `from=${encodeURIComponent(iso(window.from))}&to=${encodeURIComponent(iso(window.to))}`;
}

/**
 * The first hour of the seeded error spike, found in the data: the first minute from which a
 * culprit fails most of its requests for several minutes running. Its preceding hour is before
 * the spike, so the culprits are the entities that added the errors, however long the app has run.
 */
export async function findSpikeHour(page: Page): Promise<{ from: number; to: number }> {
  const now = Date.now();
  const response = await page.request.get(
    `/api/v1/series?scope=entity&id=${ERROR_SPIKE.culprits[0]}&metrics=rate,errors,errorRatio&from=${now - 24 * 60 * MINUTE}`,
  );
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as {
    meta: { resolution: string };
    data: { points: { ts: number; requests: number; errorRatio: number | null }[] };
  };
  // A 24-hour window is served in minute buckets, fine enough to find the start.
  expect(body.meta.resolution).toBe('1m');
  const failing = (i: number) => (body.data.points[i]?.errorRatio ?? 0) >= 0.5;
  const start = body.data.points.findIndex(
    (_, i) => failing(i) && failing(i + 1) && failing(i + 2),
  );
  expect(start, 'the seeded error spike is in the data').toBeGreaterThanOrEqual(0);
  const from = body.data.points[start]!.ts;
  return { from, to: Math.min(from + 60 * MINUTE, Math.floor(now / MINUTE) * MINUTE) };
}

/** A page in a browser context of its own, signed in through the API as `username`. */
export async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const response = await page.request.post('/api/v1/auth/login', {
    data: { username, password: PASSWORD },
  });
  expect(response.ok(), `sign-in of ${username} answered ${response.status()}`).toBe(true);
  return page;
}
