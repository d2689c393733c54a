import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';

export interface ScriptBytes {
  files: number;
  rawBytes: number;
  gzipBytes: number;
  transferredBytes: number;
}

export interface InitialJs extends ScriptBytes {
  encoding: string;
  /** Everything until the network is idle, including deeper levels' code prefetched after the paint. */
  withPrefetch: ScriptBytes;
}

interface LoadedScript {
  url: string;
  body: Buffer;
  transferred: number;
  encoding: string;
}

function total(scripts: readonly LoadedScript[]): ScriptBytes {
  return {
    files: scripts.length,
    rawBytes: scripts.reduce((sum, s) => sum + s.body.length, 0),
    gzipBytes: scripts.reduce((sum, s) => sum + gzipSync(s.body, { level: 9 }).length, 0),
    transferredBytes: scripts.reduce((sum, s) => sum + s.transferred, 0),
  };
}

/**
 * The JavaScript the first page (the overview) needs: every script requested before its chart
 * was painted, in a browser with an empty cache, lazy chunks of that first paint included.
 * "gzip" recompresses each body at level 9, the unit the goal is stated in; "transferred" is what
 * went over the wire as the server chose to encode it.
 */
export async function measureInitialJs(
  browser: Browser,
  baseURL: string,
  signIn: (page: Page) => Promise<void>,
): Promise<InitialJs> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signIn(page);
  const pending: Promise<LoadedScript | null>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      Promise.all([response.body(), response.request().sizes()])
        .then(([body, sizes]) => ({
          url: new URL(response.url()).pathname,
          body,
          transferred: sizes.responseBodySize,
          encoding: response.headers()['content-encoding'] ?? 'identity',
        }))
        .catch(() => null), // a response still arriving when the page closes is not part of the load
    );
  });
  try {
    await page.goto('/');
    await page.waitForFunction(
      () => performance.getEntriesByName('watchfloor:first-page-painted').length > 0,
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForLoadState('networkidle');
    const beforePaint = new Set(
      await page.evaluate(() => {
        const painted = performance.getEntriesByName('watchfloor:first-page-painted')[0]!.startTime;
        return performance
          .getEntriesByType('resource')
          .filter((e) => e.startTime < painted)
          .map((e) => new URL(e.name).pathname);
      }),
    );
    const scripts = (await Promise.all(pending)).filter((s): s is LoadedScript => s !== null);
    const initial = scripts.filter((s) => beforePaint.has(s.url));
    return {
      ...total(initial),
      encoding: [...new Set(initial.map((s) => s.encoding))].join(', '),
      withPrefetch: total(scripts),
    };
  } finally {
    await context.close();
  }
}
