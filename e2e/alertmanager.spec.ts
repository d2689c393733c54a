import { expect, test, type Page } from '@playwright/test';
import type { Annotation } from '../packages/shared/src/annotations.ts';
import type { Pool } from '../apps/bff/src/db/pool.ts';
import {
  floorMinute,
  ingest,
  ingestToken,
  requestEvents,
  uniqueSlug,
} from './support/ingest-traffic.ts';
import { keepScreenshot, signIn } from './support/journey.ts';
import {
  missingStack,
  startPrometheusStack,
  type PrometheusStack,
} from './support/prometheus-stack.ts';
import { openE2eDatabase } from './support/rollup-lease.ts';

const mysqlUrl = process.env.WATCHFLOOR_E2E_MYSQL_URL;
const MINUTE = 60_000;

let stack: PrometheusStack | null = null;
let pool: Pool | null = null;

test.afterAll(async () => {
  await stack?.stop();
  // This run's Watchdog stops with its Alertmanager: forget it, so later journeys on a server
  // with no other heartbeat sender are not told the alert pipeline went silent.
  await pool?.query(`DELETE FROM alert_heartbeats WHERE name = 'Watchdog'`);
  await pool?.end();
});

async function alertBands(page: Page, entity: string, alertname: string): Promise<Annotation[]> {
  const response = await page.request.get(`/api/v1/entities/${entity}`);
  expect(response.ok(), `entity detail answered ${response.status()}`).toBe(true);
  const body = (await response.json()) as { data: { annotations: Annotation[] } };
  return body.data.annotations.filter((a) => a.kind === 'alert' && a.title.includes(alertname));
}

/**
 * The real senders: Prometheus evaluates an alert rule on a gauge the test sets, Alertmanager
 * delivers it to the webhook receiver, firing and then resolved, and the episode is a band on the
 * entity's chart with a link back to Prometheus.
 */
test('a Prometheus alert delivered by Alertmanager opens a band on the entity chart, then resolves', async ({
  page,
  baseURL,
}, testInfo) => {
  const missing = missingStack();
  test.skip(missing !== null, missing ?? '');
  test.setTimeout(240_000);
  pool = mysqlUrl ? openE2eDatabase(mysqlUrl) : null;
  const token = await ingestToken(pool, 'e2e-alertmanager');
  test.skip(
    !token,
    'needs an ingest token (WATCHFLOOR_E2E_INGEST_TOKEN or WATCHFLOOR_E2E_MYSQL_URL)',
  );

  const segment = uniqueSlug('alerts');
  const entity = `${segment}-api`;
  const now = Date.now();
  // Traffic first, so the segment and entity the alert names exist and have a chart.
  await ingest(
    baseURL!,
    token!,
    requestEvents({
      segment,
      entities: [entity],
      from: floorMinute(now) - 10 * MINUTE,
      to: now,
      perMinute: 20,
      errorShare: () => 0,
    }),
  );
  await signIn(page);

  const alertname = 'WatchfloorE2eFault';
  const summary = `${alertname}: ${entity} is failing`;
  stack = await startPrometheusStack({
    watchfloorUrl: baseURL!,
    ingestToken: token!,
    alertname,
    labels: { severity: 'page', segment, entity },
    summary,
  });

  await expect
    .poll(async () => (await alertBands(page, entity, alertname)).map((b) => b.open), {
      message: 'the firing alert is an open episode on the entity',
      timeout: 90_000,
      intervals: [1_000],
    })
    .toEqual([true]);
  const [open] = await alertBands(page, entity, alertname);
  expect(open).toMatchObject({
    source: 'alert',
    title: summary,
    severity: 'page',
    segment,
    entity,
    endTs: null,
  });
  expect(open!.url).toMatch(new RegExp(`^${stack.prometheusUrl}/graph\\?`));

  await page.goto(`/segments/${segment}/entities/${entity}?range=15m`);
  await expect(page.locator('.wf-band-alert').first()).toBeAttached();
  await expect(page.getByRole('heading', { name: 'Alerts', exact: true })).toBeVisible();
  await expect(page.locator(`a[href="${open!.url!}"]`).first()).toBeVisible();
  await keepScreenshot(page, testInfo, 'alertmanager-firing');

  stack.setGauge(0);
  await expect
    .poll(async () => (await alertBands(page, entity, alertname)).map((b) => b.open), {
      message: 'the resolved alert closes the episode',
      timeout: 90_000,
      intervals: [1_000],
    })
    .toEqual([false]);
  const [closed] = await alertBands(page, entity, alertname);
  expect(closed!.ts).toBe(open!.ts);
  expect(closed!.endTs).toBeGreaterThan(closed!.ts);
});
