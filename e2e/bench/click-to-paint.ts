import type { Browser, Page } from '@playwright/test';

type Level = 'overview' | 'segment' | 'entity' | 'events';
const LEVELS: readonly Level[] = ['overview', 'segment', 'entity', 'events'];
const WINDOW = 'range=6h';

/** Clears earlier timings, clicks, and returns the app's own click-to-painted measure for the level. */
async function timeClick(page: Page, level: Level, click: () => Promise<void>): Promise<number> {
  await page.evaluate(() => performance.clearMeasures());
  await click();
  const handle = await page.waitForFunction(
    (name) => {
      const entries = performance.getEntriesByName(name, 'measure');
      return entries.length > 0 ? entries[entries.length - 1]!.duration : null;
    },
    `watchfloor:click-to-painted:${level}`,
    { timeout: 20_000 },
  );
  const duration = (await handle.jsonValue()) as number;
  // Let the page settle (lazy chunks, background refetches) before the next click.
  await page.waitForLoadState('networkidle');
  return duration;
}

/**
 * Walks the drill-down `cycles` times. Each cycle opens a fresh segment page, then clicks up to
 * the overview and down through another segment, its n-th entity and that entity's raw events,
 * so no clicked level is answered from the query cache.
 */
export async function measureClickToPaint(
  browser: Browser,
  baseURL: string,
  signIn: (page: Page) => Promise<void>,
  segments: readonly string[],
  cycles: number,
  log: (line: string) => void,
): Promise<{ level: Level; samples: number[] }[]> {
  const samples = new Map<Level, number[]>(LEVELS.map((level) => [level, []]));
  const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signIn(page);
  try {
    for (let i = 0; i < cycles; i++) {
      const start = segments[i % segments.length]!;
      const next = segments[(i + 1) % segments.length]!;
      const entityRank = Math.floor(i / segments.length) % 5;
      await page.goto(`/segments/${start}?${WINDOW}`);
      await page
        .getByRole('figure', { name: /Requests, latency and errors of/ })
        .locator('.highcharts-subtitle')
        .waitFor();
      await page.waitForLoadState('networkidle');

      samples
        .get('overview')!
        .push(
          await timeClick(page, 'overview', () =>
            page
              .getByRole('navigation', { name: 'Breadcrumb' })
              .getByRole('link', { name: 'Fleet overview' })
              .click(),
          ),
        );
      samples
        .get('segment')!
        .push(
          await timeClick(page, 'segment', () =>
            page.locator(`tr[data-segment="${next}"] a`).first().click(),
          ),
        );
      const entityLink = page
        .getByRole('table', { name: /Entities ranked/ })
        .locator('tbody tr')
        .nth(entityRank)
        .locator('a')
        .first();
      samples.get('entity')!.push(await timeClick(page, 'entity', () => entityLink.click()));
      samples
        .get('events')!
        .push(
          await timeClick(page, 'events', () =>
            page.getByRole('link', { name: 'Raw events for this window' }).click(),
          ),
        );
      log(
        `cycle ${i + 1}/${cycles}: ${LEVELS.map((level) => `${level} ${samples.get(level)!.at(-1)!.toFixed(0)} ms`).join(', ')}`,
      );
    }
  } finally {
    await context.close();
  }
  return LEVELS.map((level) => ({ level, samples: samples.get(level)! }));
}
