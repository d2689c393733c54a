import { createServer } from 'node:net';
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Lighthouse performance and accessibility scores (0–100) per page, desktop preset: Watchfloor is
 * a wall-and-desk operator console. Lighthouse resets storage before each run, so the session
 * travels as a request header instead of a stored cookie.
 */
export async function lighthouseScores(
  executablePath: string,
  pages: readonly { name: string; url: string }[],
  cookie: string,
  log: (line: string) => void,
) {
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [`--remote-debugging-port=${port}`, '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const scores: { page: string; performance: number; accessibility: number; metrics: string }[] =
      [];
    for (const page of pages) {
      const result = await lighthouse(
        page.url,
        {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          extraHeaders: { Cookie: cookie },
        },
        desktopConfig,
      );
      const categories = result?.lhr.categories;
      if (!categories?.performance || !categories.accessibility)
        throw new Error(`Lighthouse returned no scores for ${page.url}`);
      const score = (value: number | null) => Math.round((value ?? 0) * 100);
      const failing = Object.values(result!.lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id);
      log(
        `lighthouse ${page.name}: performance ${score(categories.performance.score)}, accessibility ${score(categories.accessibility.score)}${failing.length ? ` (failing: ${failing.join(', ')})` : ''}`,
      );
      const audits = result!.lhr.audits;
      const metrics = [
        'first-contentful-paint',
        'largest-contentful-paint',
        'total-blocking-time',
        'cumulative-layout-shift',
        'speed-index',
      ]
        .map(
          (id) =>
            `${id
              .split('-')
              .map((w) => w[0]!.toUpperCase())
              .join('')} ${audits[id]?.displayValue ?? '?'}`,
        )
        .join(', ');
      log(`  ${metrics}`);
      scores.push({
        page: page.name,
        performance: score(categories.performance.score),
        accessibility: score(categories.accessibility.score),
        metrics,
      });
    }
    return scores;
  } finally {
    await browser.close();
  }
}
