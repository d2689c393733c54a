import { createServer } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
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

export type BenchTheme = 'light' | 'dark';

export interface LighthouseScore {
  page: string;
  theme: BenchTheme;
  performance: number;
  accessibility: number;
  metrics: string;
}

/**
 * Mean relative luminance (0 black … 1 white) of a screenshot, decoded by the browser itself, so
 * a run can prove which theme Lighthouse actually saw.
 */
async function screenshotLuminance(browser: Browser, dataUrl: string): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      // No named helpers in here: the runner's transpiler would wrap them in a `__name` call the
      // page does not know.
      const linear = Array.from({ length: 256 }, (_, c) =>
        c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4,
      );
      let sum = 0;
      for (let i = 0; i < data.length; i += 4)
        sum +=
          0.2126 * linear[data[i]!]! +
          0.7152 * linear[data[i + 1]!]! +
          0.0722 * linear[data[i + 2]!]!;
      return sum / (data.length / 4);
    }, dataUrl);
  } finally {
    await page.close();
  }
}

/**
 * Lighthouse performance and accessibility scores (0–100) per page, desktop preset: Watchfloor is
 * a wall-and-desk operator console. Lighthouse resets storage before each run, so the session
 * travels as a request header instead of a stored cookie, and the dark theme comes from the
 * system's colour scheme (Chromium's `--force-dark-mode`), which the app follows when the user
 * chose nothing. Each run's final screenshot is checked to really be in the theme under test.
 */
export async function lighthouseScores(
  executablePath: string,
  pages: readonly { name: string; url: string }[],
  cookie: string,
  theme: BenchTheme,
  log: (line: string) => void,
): Promise<LighthouseScore[]> {
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      `--remote-debugging-port=${port}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      ...(theme === 'dark' ? ['--force-dark-mode'] : []),
    ],
  });
  try {
    const scores: LighthouseScore[] = [];
    const audit = (url: string) =>
      lighthouse(
        url,
        {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          extraHeaders: { Cookie: cookie },
        },
        desktopConfig,
      );
    for (const page of pages) {
      let result = await audit(page.url);
      // Now and then Lighthouse keeps no final screenshot; without one the theme cannot be
      // checked, so that page is audited once more rather than the whole bench thrown away.
      if (result?.lhr.audits['final-screenshot']?.details?.type !== 'screenshot') {
        log(`lighthouse ${page.name}, ${theme}: no final screenshot kept; auditing it again`);
        result = await audit(page.url);
      }
      const categories = result?.lhr.categories;
      if (!categories?.performance || !categories.accessibility)
        throw new Error(`Lighthouse returned no scores for ${page.url}`);
      const score = (value: number | null) => Math.round((value ?? 0) * 100);
      const finalScreenshot = result!.lhr.audits['final-screenshot']?.details;
      if (finalScreenshot?.type !== 'screenshot')
        throw new Error(`Lighthouse kept no final screenshot of ${page.url}, twice`);
      const luminance = await screenshotLuminance(browser, finalScreenshot.data);
      // A dark page with light text averages far below a light one; in between means neither.
      if (theme === 'dark' ? luminance > 0.25 : luminance < 0.5)
        throw new Error(
          `Lighthouse saw ${page.url} with mean luminance ${luminance.toFixed(2)}, not in the ${theme} theme`,
        );
      const failing = Object.values(result!.lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id);
      log(
        `lighthouse ${page.name}, ${theme} (screen luminance ${luminance.toFixed(2)}): performance ${score(categories.performance.score)}, accessibility ${score(categories.accessibility.score)}${failing.length ? ` (failing: ${failing.join(', ')})` : ''}`,
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
        theme,
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
