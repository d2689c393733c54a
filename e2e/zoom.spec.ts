import { expect, test } from '@playwright/test';
import { dragZoom, readChart } from './support/charts.ts';
import { ERROR_SPIKE, signIn } from './support/journey.ts';

const entityPath = `/segments/${ERROR_SPIKE.segment}/entities/${ERROR_SPIKE.culprits[1]}`;

test('zooming a chart narrows the window in the URL and refetches it at a finer resolution, keeping the navigator', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`${entityPath}?range=7d`);
  const red = page.getByRole('figure', { name: /Rate, errors and latency/ });
  await expect(red.locator('.highcharts-subtitle')).toHaveText('1-hour buckets');

  const finer = page.waitForResponse(
    (r) =>
      r.url().includes('/api/v1/series?') &&
      r.url().includes(`id=${ERROR_SPIKE.culprits[1]}`) &&
      r.url().includes('&to='),
  );
  // The last ~14 % of seven days: about a day, which fits in minute buckets.
  await dragZoom(page, red, 0.85, 0.99);
  const response = await finer;
  const body = (await response.json()) as { meta: { resolution: string } };
  expect(body.meta.resolution).toBe('1m');

  await expect(page).toHaveURL(/[?&]from=[^&]+&to=[^&]+&nav=7d/);
  await expect(red.locator('.highcharts-subtitle')).toHaveText('1-minute buckets');
  const url = new URL(page.url());
  const from = Date.parse(url.searchParams.get('from')!);
  const to = Date.parse(url.searchParams.get('to')!);
  expect(to - from).toBeLessThan(1.5 * 86_400_000);
  const chart = await readChart(red);
  expect(chart.extremes.min).toBeGreaterThanOrEqual(from - 60_000);
  expect(chart.extremes.max).toBeLessThanOrEqual(to + 60_000);
  // The navigator keeps the coarse seven days while the main series is at minute resolution.
  const navigator = chart.series.find((s) => s.name.startsWith('Navigator'));
  expect(navigator?.points).toBeGreaterThan(100);
  await expect(page.locator('.range-picker__current')).toContainText('zoomed');

  // Back undoes the zoom.
  await page.goBack();
  await expect(page).toHaveURL(/\?range=7d$/);
  await expect(red.locator('.highcharts-subtitle')).toHaveText('1-hour buckets');
});

test('every chart exports PNG, SVG and CSV in the browser, without the export server', async ({
  page,
}) => {
  const exportServer: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).hostname.endsWith('highcharts.com'))
      exportServer.push(request.url());
  });
  await signIn(page);
  await page.goto(`${entityPath}?range=1h`);
  const red = page.getByRole('figure', { name: /Rate, errors and latency/ });
  await expect(red.locator('.highcharts-subtitle')).toHaveText('1-minute buckets');

  for (const [item, extension] of [
    ['Download PNG image', '.png'],
    ['Download SVG image', '.svg'],
    ['Download CSV', '.csv'],
  ] as const) {
    // The chart's own Export button; the exporting code loads on this first use.
    await red.getByRole('button', { name: /^Export Rate, errors and latency/ }).click();
    const download = page.waitForEvent('download');
    await red.getByRole('menuitem', { name: item }).click();
    const file = await download;
    // Scope and window (UTC) in the name, so two exports of one chart never collide.
    expect(file.suggestedFilename()).toMatch(
      new RegExp(
        `^watchfloor-entity-${ERROR_SPIKE.culprits[1]}_\\d{4}-\\d\\d-\\d\\dT\\d{4}Z_\\d{4}-\\d\\d-\\d\\dT\\d{4}Z\\${extension}$`,
      ),
    );
    if (extension === '.png') continue;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (extension === '.csv') expect(text).toMatch(/Requests per second/);
    // A picture pasted into a report names its scope and its period.
    else expect(text).toMatch(/class="highcharts-subtitle"[^>]*>.*\d\d:\d\d – \d\d:\d\d UTC/s);
  }
  expect(exportServer).toEqual([]);
});
