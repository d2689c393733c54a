import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { openBenchApp, type BenchApp } from './bench-app.ts';
import { addWebRun, missedGoals, renderWebReport } from './bench-report.ts';
import { measureClickToPaint } from './click-to-paint.ts';
import { measureInitialJs } from './initial-js.ts';
import { lighthouseScores } from './lighthouse-scores.ts';

/**
 * npm run bench:web [-- --url http://127.0.0.1:8091] [--cycles 20] [--server mysql://root@127.0.0.1:3306] [--write docs/benchmarks.md]
 * Click-to-painted per drill-down level, initial JavaScript of the first page and Lighthouse
 * scores, in headless Debian Chromium against the demo data. Without --url it starts its own app
 * on a scratch database and drops it afterwards. Prints the run as a dated entry of the "Web"
 * section of docs/benchmarks.md; --write adds it there, newest first, keeping earlier runs.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const cycles = Number(option('--cycles') ?? 20);
const log = (line: string) =>
  process.stderr.write(`[bench:web ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const USER = { username: 'operator', password: 'watchfloor' };

async function sessionCookie(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(USER),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function main(): Promise<void> {
  let app: BenchApp | null = null;
  const stop = async () => {
    await app
      ?.stop()
      .catch((error: unknown) => log(`could not stop the app: ${(error as Error).message}`));
    app = null;
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  // Whatever goes wrong, the scratch app and its database must not outlive the run.
  process.once('unhandledRejection', (error) => {
    console.error(error);
    void stop().finally(() => process.exit(1));
  });
  try {
    app = await openBenchApp({
      url: option('--url'),
      mysqlServer: option('--server') ?? 'mysql://root@127.0.0.1:3306',
      log,
    });
    const url = app.url;
    const cookie = await sessionCookie(url);
    const overview = (await (
      await fetch(`${url}/api/v1/overview`, { headers: { cookie } })
    ).json()) as { data: { segments: { slug: string }[] } };
    const segments = overview.data.segments.map((s) => s.slug);
    const signIn = async (page: Page) => {
      const response = await page.request.post('/api/v1/auth/login', { data: USER });
      if (!response.ok()) throw new Error(`sign-in failed: ${response.status()}`);
    };

    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const chromiumVersion = `Chromium ${browser.version()}`;
    let clickToPaint, initialJs;
    try {
      log('initial JavaScript of the first page…');
      initialJs = await measureInitialJs(browser, url, signIn);
      log(`click → painted, ${cycles} cycles over ${segments.length} segments…`);
      clickToPaint = await measureClickToPaint(browser, url, signIn, segments, cycles, log);
    } finally {
      await browser.close();
    }
    log('Lighthouse…');
    const entityPage = `${url}/segments/checkout-eu/entities/checkout-eu-api-03?range=6h`;
    const lighthousePages = [
      { name: 'overview (`/`)', url: `${url}/` },
      { name: 'entity (`/segments/checkout-eu/entities/checkout-eu-api-03`)', url: entityPage },
    ];
    const lighthouse = [];
    for (const theme of ['light', 'dark'] as const)
      lighthouse.push(
        ...(await lighthouseScores(executablePath, lighthousePages, cookie, theme, log)),
      );

    const command = `npm run bench:web${args.length ? ` -- ${args.join(' ')}` : ''}`;
    const result = {
      source: app.source,
      chromium: chromiumVersion,
      clickToPaint,
      initialJs,
      lighthouse,
    };
    const report = renderWebReport(result, command, new Date());
    console.log(`\n${report}`);
    const missed = missedGoals(result);
    log(missed.length ? `goals missed: ${missed.join('; ')}` : 'every goal met');
    const target = option('--write');
    if (target) {
      writeFileSync(
        target,
        addWebRun(existsSync(target) ? readFileSync(target, 'utf8') : '', report),
      );
      log(`added this run to the Web section of ${target}`);
    }
  } finally {
    await stop();
  }
}

// Fail early with a clear message when the browser is missing.
try {
  execFileSync(executablePath, ['--version'], { stdio: 'ignore' });
} catch {
  console.error(`Chromium not found at ${executablePath}; set CHROMIUM_PATH.`);
  process.exit(1);
}
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
