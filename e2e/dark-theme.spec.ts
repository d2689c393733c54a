import { expect, test, type Page } from '@playwright/test';
import { keepScreenshot, signIn, USERNAME, watchProblems } from './support/journey.ts';

/**
 * The dark theme: it follows the system's colour scheme, and the header's theme setting overrides
 * it, kept for this user on this browser. Measured on the page's real computed colours.
 */

/** Relative luminance (WCAG) of a computed `rgb(…)`/`rgba(…)` colour, 0 (black) to 1 (white). */
function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

async function pageBackground(page: Page): Promise<number> {
  const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  // A transparent body would say nothing about what the user sees.
  expect(colour).toMatch(/^rgb\(/);
  return luminance(colour);
}

/** Luminance of the first chart's first value-axis label, as drawn. */
async function axisLabelLuminance(page: Page): Promise<number> {
  const label = page.getByRole('figure').first().locator('.highcharts-yaxis-labels text').first();
  await expect(label).toBeVisible();
  return luminance(await label.evaluate((text) => getComputedStyle(text).fill));
}

async function openOverview(page: Page): Promise<void> {
  await signIn(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Segment health/ })).toBeVisible();
}

test.describe('under a dark system colour scheme', () => {
  test.use({ colorScheme: 'dark' });

  test('the overview is dark without any setting', async ({ page }, testInfo) => {
    const problems = watchProblems(page);
    await openOverview(page);
    await expect(page.getByLabel('Theme')).toHaveValue('system');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    expect(await pageBackground(page)).toBeLessThan(0.05);
    // Text stays readable: light ink on the dark page.
    const ink = await page.evaluate(() => getComputedStyle(document.body).color);
    expect(luminance(ink)).toBeGreaterThan(0.6);
    // The chart's own chrome follows: axis labels in the dark palette's light muted ink.
    expect(await axisLabelLuminance(page)).toBeGreaterThan(0.3);
    await keepScreenshot(page, testInfo, 'overview-dark');
    expect(problems).toEqual([]);
  });
});

test.describe('under a light system colour scheme', () => {
  test.use({ colorScheme: 'light' });

  test('the overview is light, and the toggle switches it to dark for this user, across a reload', async ({
    page,
  }) => {
    const problems = watchProblems(page);
    await openOverview(page);
    expect(await pageBackground(page)).toBeGreaterThan(0.8);
    expect(await axisLabelLuminance(page)).toBeLessThan(0.2);

    await page.getByLabel('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => pageBackground(page)).toBeLessThan(0.05);
    // The charts are drawn again in the new palette, without a reload.
    await expect.poll(() => axisLabelLuminance(page)).toBeGreaterThan(0.3);
    expect(
      await page.evaluate((user) => localStorage.getItem(`watchfloor.theme.${user}`), USERNAME),
    ).toBe('dark');

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();
    await expect(page.getByLabel('Theme')).toHaveValue('dark');
    expect(await pageBackground(page)).toBeLessThan(0.05);

    // And back: an explicit Light wins over a dark system too, System hands back to the OS.
    await page.getByLabel('Theme').selectOption('system');
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
    await expect.poll(() => pageBackground(page)).toBeGreaterThan(0.8);
    expect(problems).toEqual([]);
  });
});
