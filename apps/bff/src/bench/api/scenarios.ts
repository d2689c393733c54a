import type { DatasetInfo } from './dataset-marker.ts';
import type { DeepCursor } from './events-cursor.ts';

const DAY = 86_400_000;

export type ViewName = 'overview' | 'segment' | 'entity' | 'series' | 'events';
export type WindowName = '6 h (default)' | '24 h at 1 min' | '7 d, page 1 M deep';

export interface ApiScenario {
  view: ViewName;
  window: WindowName;
  path: string;
  /** Resolution the response must report (rollup views only). */
  resolution?: string;
}

/**
 * The measured requests. "6 h (default)" sends no from/to, so the server picks the last six hours
 * of its own clock; the 24-hour windows end at the last loaded minute. Entity and series read the
 * firehose entity; segment reads an ordinary segment.
 */
export function apiScenarios(info: DatasetInfo, cursor: DeepCursor): ApiScenario[] {
  const entity = info.firehose.slug;
  const segment = info.segment.slug;
  const day = `from=${info.endTs - DAY}&to=${info.endTs}`;
  const rollupViews: [ViewName, string, string][] = [
    ['overview', '/api/v1/overview', '?'],
    ['segment', `/api/v1/segments/${segment}`, '?'],
    ['entity', `/api/v1/entities/${entity}`, '?'],
    ['series', `/api/v1/series?scope=entity&id=${entity}`, '&'],
  ];
  return [
    ...rollupViews.map(([view, path]) => ({
      view,
      window: '6 h (default)' as const,
      path,
      resolution: '1m',
    })),
    ...rollupViews.map(([view, path, join]) => ({
      view,
      window: '24 h at 1 min' as const,
      path: `${path}${join}${day}`,
      resolution: '1m',
    })),
    {
      view: 'events',
      window: '7 d, page 1 M deep',
      path: `/api/v1/events?entityId=${entity}&from=${info.endTs - 7 * DAY}&to=${info.endTs}&limit=100&cursor=${encodeURIComponent(cursor.cursor)}`,
    },
  ];
}

export interface Probe {
  /** Time of this single, unloaded request (the first, so it may include a cold cache). */
  ms: number;
  summary: string;
}

/** One request per scenario before any load: 200, the expected resolution, and a full events page. */
export async function probeScenario(
  baseUrl: string,
  cookie: string,
  scenario: ApiScenario,
): Promise<Probe> {
  const start = performance.now();
  const response = await fetch(`${baseUrl}${scenario.path}`, { headers: { cookie } });
  const text = await response.text();
  const ms = performance.now() - start;
  if (!response.ok)
    throw new Error(
      `${scenario.view} ${scenario.window}: HTTP ${response.status} ${text.slice(0, 300)}`,
    );
  const body = JSON.parse(text) as {
    meta: { resolution?: string };
    data: { events?: unknown[] };
    quality: { state: string };
  };
  if (scenario.resolution && body.meta.resolution !== scenario.resolution) {
    throw new Error(
      `${scenario.view} ${scenario.window}: resolution ${body.meta.resolution}, expected ${scenario.resolution}`,
    );
  }
  if (scenario.view === 'events' && body.data.events?.length !== 100)
    throw new Error(`events page has ${body.data.events?.length} events, expected 100`);
  return { ms, summary: `${(text.length / 1024).toFixed(0)} KiB, quality ${body.quality.state}` };
}
