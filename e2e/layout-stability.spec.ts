import { expect, test } from '@playwright/test';
import { signIn } from './support/journey.ts';

/**
 * Pages do not jump while they load: what arrives late (the user's roles, the level's answer, the
 * lazily loaded chart) takes a place kept for it, so nothing under the reader's eyes or mouse moves.
 * Measured with the browser's own layout-shift entries, the figure behind Cumulative Layout Shift.
 */
const PAGES = [
  ['overview', '/?range=6h'],
  ['segment', '/segments/checkout-eu?range=6h'],
  ['entity', '/segments/checkout-eu/entities/checkout-eu-api-03?range=6h'],
] as const;

test.beforeEach(async ({ page }) => {
  await signIn(page);
  await page.addInitScript(() => {
    const shifts: { value: number; moved: string[] }[] = [];
    (window as unknown as { layoutShifts: typeof shifts }).layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node | null }[];
      }[]) {
        if (entry.hadRecentInput) continue;
        const moved = (entry.sources ?? []).map((s) =>
          s.node instanceof Element ? `${s.node.tagName.toLowerCase()}.${s.node.className}` : '?',
        );
        shifts.push({ value: entry.value, moved });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
});

for (const [level, path] of PAGES) {
  test(`the ${level} page does not jump while it loads`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('.highcharts-series-group').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const shifts = await page.evaluate(
      () =>
        (window as unknown as { layoutShifts: { value: number; moved: string[] }[] }).layoutShifts,
    );
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    // Lighthouse calls under 0.1 good; the page moving down by one row of buttons scored 0.07–0.18.
    expect(total, JSON.stringify(shifts)).toBeLessThan(0.05);
    expect(shifts.flatMap((s) => s.moved)).not.toContain('div.page');
  });
}
