import { expect, test, type Locator, type Page } from '@playwright/test';
import { dragZoom, readChart } from './support/charts.ts';
import { ERROR_SPIKE, signIn, watchProblems, windowQuery } from './support/journey.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const entityPath = `/segments/${ERROR_SPIKE.segment}/entities/${ERROR_SPIKE.culprits[1]}`;

/**
 * The entity's RED chart, drawn. A busy machine can leave gaps in the live data, and the page then
 * hides the chart behind "Show it anyway"; the history under test is the same either way.
 */
async function redChart(page: Page): Promise<Locator> {
  const red = page.getByRole('figure', { name: /Rate, errors and latency/ });
  const reveal = page.getByRole('button', { name: 'Show it anyway' });
  await expect(red.or(reveal).first()).toBeVisible();
  if (await reveal.isVisible()) await reveal.click();
  await expect(red.locator('.highcharts-subtitle')).toHaveText('1-minute buckets');
  return red;
}

const historyLength = (page: Page) => page.evaluate(() => window.history.length);

/** The absolute window the address bar carries. */
function urlWindow(page: Page): { from: number; to: number } {
  const params = new URL(page.url()).searchParams;
  return { from: Date.parse(params.get('from') ?? ''), to: Date.parse(params.get('to') ?? '') };
}

/** Waits until the chart shows `window` (within a bucket at each edge), as a reader sees it. */
async function expectExtremes(figure: Locator, window: { from: number; to: number }) {
  await expect
    .poll(async () => {
      const { min, max } = (await readChart(figure)).extremes;
      return {
        from: Math.abs(min - window.from) <= MINUTE,
        to: Math.abs(max - window.to) <= MINUTE,
      };
    })
    .toEqual({ from: true, to: true });
}

/** The chart shows a whole day: the fixed one exactly, the live one ending about now. */
async function expectWholeDay(figure: Locator, day: { from: number; to: number } | 'live') {
  if (day !== 'live') return expectExtremes(figure, day);
  await expect
    .poll(async () => {
      const { min, max } = (await readChart(figure)).extremes;
      return (
        Math.abs(max - min - 24 * HOUR) <= 2 * MINUTE && Math.abs(Date.now() - max) <= 5 * MINUTE
      );
    })
    .toBe(true);
}

for (const kind of ['live', 'fixed'] as const) {
  test(`Back out of a zoomed entity (${kind} day) and Forward again: the zoom comes back exactly, and history is walked, never rewritten`, async ({
    page,
  }) => {
    const problems = watchProblems(page);
    await signIn(page);
    const to = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
    const day = kind === 'live' ? ('live' as const) : { from: to - 24 * HOUR, to };
    await page.goto(`${entityPath}?${day === 'live' ? 'range=24h' : windowQuery(day)}`);
    const red = await redChart(page);
    const dayUrl = page.url();
    await expectWholeDay(red, day);

    await dragZoom(page, red, 0.55, 0.8);
    await expect(page).toHaveURL(/[?&]from=[^&]+&to=[^&]+&nav=/);
    const zoomedUrl = page.url();
    const zoom = urlWindow(page);
    expect(zoom.to - zoom.from).toBeLessThan(8 * HOUR);
    await expectExtremes(red, zoom);
    await expect(page.locator('.range-picker__current')).toContainText('zoomed');
    const length = await historyLength(page);

    for (let round = 1; round <= 2; round += 1) {
      await page.goBack();
      await expect(page).toHaveURL(dayUrl);
      await expect(page.locator('.range-picker__current')).not.toContainText('zoomed');
      await expectWholeDay(red, day);

      await page.goForward();
      // Had anything pushed an entry while the day was shown, there would be no Forward to go to.
      await expect(page).toHaveURL(zoomedUrl);
      await expect(page.locator('.range-picker__current')).toContainText('zoomed');
      await expectExtremes(red, zoom);
      // Once the zoomed series has loaded and redrawn, the address and the history still stand.
      await expect(red.locator('.highcharts-subtitle')).toHaveText('1-minute buckets');
      await expectExtremes(red, zoom);
      expect(page.url(), `round ${round}`).toBe(zoomedUrl);
      expect(await historyLength(page), `round ${round}`).toBe(length);
    }

    // Back still goes to the previous distinct view: the whole day, not a copy of the zoom.
    await page.goBack();
    await expect(page).toHaveURL(dayUrl);
    expect(problems).toEqual([]);
  });
}

test('"All" shows all of the navigator’s outer window, and a fixed outer window stays fixed', async ({
  page,
}) => {
  await signIn(page);
  const to = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
  const day = { from: to - 24 * HOUR, to };
  await page.goto(`${entityPath}?${windowQuery(day)}`);
  const red = await redChart(page);
  await dragZoom(page, red, 0.3, 0.5);
  await expect(page).toHaveURL(/[?&]nav=/);
  await expect(page.locator('.range-picker__current')).toContainText('zoomed');

  await red.locator('.highcharts-range-selector-buttons').getByText('All', { exact: true }).click();
  await expect(page).toHaveURL(`${entityPath}?${windowQuery(day)}`);
  await expect(page.locator('.range-picker__current')).not.toContainText('zoomed');
  await expectExtremes(red, day);
});
