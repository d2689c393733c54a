import { expect, test, type Locator, type Page } from '@playwright/test';
import { readSeriesPoints } from './support/charts.ts';
import {
  floorMinute,
  ingest,
  ingestToken,
  requestEvents,
  uniqueSlug,
} from './support/ingest-traffic.ts';
import { keepScreenshot, signIn, watchProblems } from './support/journey.ts';
import { openE2eDatabase } from './support/rollup-lease.ts';
import {
  entityAlert,
  newTraceId,
  sendAlertNotification,
  sendChanges,
  sendTracedEvent,
} from './support/telemetry.ts';

const mysqlUrl = process.env.WATCHFLOOR_E2E_MYSQL_URL;
const MINUTE = 60_000;
const FLAGS = 'Changes, alerts and actions';

/** Reloads until the chart in the figure is drawn (the worker has rolled the traffic up). */
async function openChart(page: Page, url: string, figure: Locator): Promise<void> {
  await expect(async () => {
    await page.goto(url);
    await expect(figure.locator('.highcharts-plot-background').first()).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 90_000 });
}

/**
 * What a team's own senders deliver becomes evidence on every level: a deploy posted as a change
 * event is a flag and a "What changed" line, an Alertmanager notification is a red band and an
 * "Alerts" line with a link to its source, the resolved notification ends the band, and a trace
 * id sent with an event is on the raw-events page.
 */
test('changes and Alertmanager alerts show as flags, bands and lists on the entity and segment pages; trace ids on raw events', async ({
  page,
  baseURL,
}, testInfo) => {
  const problems = watchProblems(page);
  const pool = mysqlUrl ? openE2eDatabase(mysqlUrl) : null;
  try {
    const token = await ingestToken(pool, 'e2e-telemetry');
    test.skip(!token, 'needs an ingest token (WATCHFLOOR_E2E_INGEST_TOKEN or the e2e database)');
    const segment = uniqueSlug('tele');
    const entity = `${segment}-a`;
    const now = Date.now();
    await signIn(page);

    // Half an hour of traffic, and one request carrying the trace it belongs to.
    await ingest(
      baseURL!,
      token!,
      requestEvents({
        segment,
        entities: [entity, `${segment}-b`],
        from: floorMinute(now) - 30 * MINUTE,
        to: now,
        perMinute: 20,
        errorShare: (minute) => (minute >= now - 12 * MINUTE ? 0.3 : 0),
      }),
    );
    const traceId = newTraceId();
    const tracedId = `${segment}-traced`;
    await sendTracedEvent(baseURL!, token!, {
      id: tracedId,
      ts: now - 2 * MINUTE,
      segment,
      entity,
      traceId,
    });

    const deploy = {
      id: `${segment}-deploy-981`,
      type: 'deploy' as const,
      title: 'checkout v2.4.1',
      url: 'https://ci.example/deploys/981',
      start: now - 15 * MINUTE,
      segment,
      entity,
    };
    await sendChanges(baseURL!, token!, [deploy]);
    const alert = entityAlert(segment, entity, now - 12 * MINUTE);
    expect(await sendAlertNotification(baseURL!, token!, alert, 'firing')).toMatchObject({
      opened: 1,
    });
    const summary = alert.annotations.summary!;

    // The entity: a firing band over its chart, the deploy flagged, and both listed with links.
    const entityUrl = `/segments/${segment}/entities/${entity}?range=1h`;
    const red = page.getByRole('figure', { name: `Rate, errors and latency of ${entity}` });
    await openChart(page, entityUrl, red);
    const band = red.locator('.wf-band-alert');
    await expect(band).toHaveCount(1);
    await expect(band).toHaveClass(/wf-band-open/);
    await expect(
      red.locator('.highcharts-plot-band-label', { hasText: 'Alert firing' }),
    ).toBeVisible();
    await expect
      .poll(async () => (await readSeriesPoints(red, FLAGS)).map((p) => p.text))
      .toContainEqual(expect.stringContaining(`Deploy: ${deploy.title}`));

    const changed = page.getByRole('region', { name: 'What changed' });
    const deployRow = changed.getByRole('row', { name: new RegExp(deploy.title) });
    await expect(deployRow).toContainText('Deploy');
    const changeLink = deployRow.getByRole('link', { name: /Open/ });
    await expect(changeLink).toHaveAttribute('href', deploy.url);
    await expect(changeLink).toHaveAttribute('target', '_blank');
    await expect(changeLink).toHaveAttribute('rel', /noopener/);

    const alerts = page.getByRole('region', { name: 'Alerts', exact: true });
    const alertRow = alerts.getByRole('row', { name: new RegExp(summary) });
    await expect(alertRow).toContainText('firing');
    await expect(alertRow).toContainText('critical');
    const source = alertRow.getByRole('link', { name: /Source/ });
    await expect(source).toHaveAttribute('href', alert.generatorURL);
    await expect(source).toHaveAttribute('rel', /noopener/);
    await keepScreenshot(page, testInfo, 'telemetry-entity-firing');

    // The segment: the same band, flag and lists, one level up.
    const segmentChart = page.getByRole('figure', { name: /Requests, latency and errors of/ });
    await openChart(page, `/segments/${segment}?range=1h`, segmentChart);
    await expect(segmentChart.locator('.wf-band-alert')).toHaveCount(1);
    await expect
      .poll(async () => (await readSeriesPoints(segmentChart, FLAGS)).map((p) => p.text))
      .toContainEqual(expect.stringContaining(`Deploy: ${deploy.title}`));
    await expect(
      page
        .getByRole('region', { name: 'What changed' })
        .getByRole('row', { name: new RegExp(deploy.title) }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('region', { name: 'Alerts', exact: true })
        .getByRole('row', { name: new RegExp(summary) }),
    ).toContainText('firing');
    await keepScreenshot(page, testInfo, 'telemetry-segment-firing');

    // Resolved: the band ends where the alert did and nothing says "firing" any more.
    expect(
      await sendAlertNotification(baseURL!, token!, alert, 'resolved', now - 3 * MINUTE),
    ).toMatchObject({ resolved: 1 });
    await openChart(page, entityUrl, red);
    await expect(red.locator('.wf-band-alert')).toHaveCount(1);
    // The first answer may be one shared by identical views in the last second or two, made while
    // the alert still fired (its generatedAt says so); the page's next live refresh, 15 s on,
    // brings the resolved one. Waiting only 15 s raced that refresh.
    await expect(red.locator('.wf-band-alert')).not.toHaveClass(/wf-band-open/, {
      timeout: 30_000,
    });
    await expect(red.locator('.highcharts-plot-band-label', { hasText: 'Alert:' })).toBeVisible();
    const resolvedRow = page
      .getByRole('region', { name: 'Alerts', exact: true })
      .getByRole('row', { name: new RegExp(summary) });
    await expect(resolvedRow).not.toContainText('firing');
    await expect(resolvedRow).toHaveAttribute('data-alert-state', 'resolved');
    await keepScreenshot(page, testInfo, 'telemetry-entity-resolved');

    // Raw events: the trace id, shortened with the full id on hover, and the viewer link when the
    // server has a trace URL template (WATCHFLOOR_TRACE_URL).
    const eventsResponse = await page.request.get(`/api/v1/events?entityId=${entity}&limit=500`);
    expect(eventsResponse.ok()).toBe(true);
    const traced = (
      (await eventsResponse.json()) as {
        data: { events: { id: string; traceUrl: string | null }[] };
      }
    ).data.events.find((e) => e.id === tracedId);
    expect(traced, 'the traced event is among the raw events').toBeDefined();
    await page.goto(`/segments/${segment}/entities/${entity}/events?range=1h`);
    const row = page.locator(`tr[data-event="${tracedId}"]`);
    await expect(row.locator('.trace-id')).toHaveAttribute('title', traceId);
    await expect(row.locator('.trace-id')).toHaveText(`${traceId.slice(0, 8)}…`);
    const traceLink = row.getByRole('link', { name: /Trace/ });
    if (traced!.traceUrl) {
      expect(traced!.traceUrl).toContain(traceId);
      await expect(traceLink).toHaveAttribute('href', traced!.traceUrl);
      await expect(traceLink).toHaveAttribute('rel', /noopener/);
    } else {
      await expect(traceLink).toHaveCount(0);
    }
    await keepScreenshot(page, testInfo, 'telemetry-raw-events');
    expect(problems).toEqual([]);
  } finally {
    await pool?.end();
  }
});
