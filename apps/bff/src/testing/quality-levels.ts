import type { IngestEventInput } from '@watchfloor/shared/ingest';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { createTestApp } from './test-app.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** What one level of the product says about its data: the state and the reason codes. */
export interface LevelQuality {
  state: string;
  codes: string[];
  messages: string[];
}

interface ReasonBody {
  code: string;
  severity: string;
  message: string;
}

const level = (quality: { state: string; reasons: ReasonBody[] }): LevelQuality => ({
  state: quality.state,
  codes: quality.reasons.filter((r) => r.severity !== 'ok').map((r) => r.code),
  messages: quality.reasons.map((r) => r.message),
});

/**
 * Steady traffic for a segment's entities: one event per entity every `everyMs` in [fromMs, toMs),
 * with stable ids so a re-send is a duplicate. Heartbeats carry no latency.
 */
export function steadyEvents(options: {
  segment: string;
  entities: readonly string[];
  fromMs: number;
  toMs: number;
  everyMs: number;
  kind?: 'request' | 'heartbeat';
  errorEvery?: number;
}): (IngestEventInput & { ts: number; entity: string })[] {
  const { segment, entities, fromMs, toMs, everyMs, kind = 'request', errorEvery = 0 } = options;
  const events: (IngestEventInput & { ts: number; entity: string })[] = [];
  let n = 0;
  for (let ts = fromMs; ts < toMs; ts += everyMs) {
    for (const [i, entity] of entities.entries()) {
      n += 1;
      const failed = errorEvery > 0 && n % errorEvery === 0;
      events.push({
        id: `${entity}-${ts}`,
        ts: ts + i,
        segment,
        entity,
        kind,
        status: failed ? 'error' : 'ok',
        ...(failed ? { errorClass: 'Timeout' } : {}),
        ...(kind === 'request' ? { latencyMs: 20 + (n % 50) } : {}),
      });
    }
  }
  return events;
}

/** Sends events through the real ingest API in batches; fails loudly on a refused batch. */
export async function ingestAll(
  t: TestApp,
  events: readonly IngestEventInput[],
): Promise<{ accepted: number; duplicates: number }> {
  let accepted = 0;
  let duplicates = 0;
  for (let i = 0; i < events.length; i += 5_000) {
    const response = await t.ingest(events.slice(i, i + 5_000));
    if (response.status !== 200)
      throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    const { data } = (await response.json()) as { data: { accepted: number; duplicates: number } };
    accepted += data.accepted;
    duplicates += data.duplicates;
  }
  return { accepted, duplicates };
}

export interface Levels {
  fleet: LevelQuality;
  /** The overview row of the segment: its own quality line and health. */
  overviewRow: {
    quality: { state: string; reason: string };
    status: string;
    now: { status: string } | null;
    silentEntities: number;
  };
  fleetSilentEntities: number;
  segment: LevelQuality;
  segmentHeader: { status: string; quality: { state: string; reason: string } };
  entityRow: { silent: boolean; quality: { state: string; reason: string } };
  entity: LevelQuality & { silent: boolean };
  events: LevelQuality;
  qualityRoute: LevelQuality;
  /** Trends over the same window (a custom period), as a manager reads them. */
  trends: LevelQuality;
}

/** Reads what every level of the product says about one segment, one of its entities and a window. */
export async function qualityAtEveryLevel(
  t: TestApp,
  scope: { segment: string; entity: string; window: TimeWindow },
): Promise<Levels> {
  const q = `from=${scope.window.from}&to=${scope.window.to}`;
  const read = async <T>(path: string): Promise<T> => {
    const response = await t.get(path);
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  type Quality = { state: string; reasons: ReasonBody[] };
  const trendsRead = async () => {
    const response = await t.get(`/api/v1/trends?period=custom&${q}`, 'manager');
    if (response.status !== 200)
      throw new Error(`trends answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { quality: Quality };
  };
  const [overview, segment, entity, events, route, trends] = await Promise.all([
    read<{
      data: {
        segments: {
          slug: string;
          quality: { state: string; reason: string };
          status: string;
          now: { status: string } | null;
          silentEntities: number;
        }[];
        fleet: { silentEntities: number };
      };
      quality: Quality;
    }>(`/api/v1/overview?${q}`),
    read<{
      data: {
        segment: { status: string; quality: { state: string; reason: string } };
        entities: { id: string; silent: boolean; quality: { state: string; reason: string } }[];
      };
      quality: Quality;
    }>(`/api/v1/segments/${scope.segment}?${q}`),
    read<{ data: { entity: { silent: boolean } }; quality: Quality }>(
      `/api/v1/entities/${scope.entity}?${q}`,
    ),
    read<{ quality: Quality }>(`/api/v1/events?entityId=${scope.entity}&${q}`),
    read<{ data: Quality }>(`/api/v1/quality?entity=${scope.entity}&${q}`),
    trendsRead(),
  ]);
  const row = overview.data.segments.find((s) => s.slug === scope.segment);
  const entityRow = segment.data.entities.find((e) => e.id === scope.entity);
  if (!row || !entityRow)
    throw new Error(`${scope.segment}/${scope.entity} is missing from the overview or the segment`);
  return {
    fleet: level(overview.quality),
    overviewRow: row,
    fleetSilentEntities: overview.data.fleet.silentEntities,
    segment: level(segment.quality),
    segmentHeader: segment.data.segment,
    entityRow,
    entity: { ...level(entity.quality), silent: entity.data.entity.silent },
    events: level(events.quality),
    qualityRoute: level(route.data),
    trends: level(trends.quality),
  };
}

/** A proposal previewed (dryRun) as an operator: the data_quality precondition's verdict. */
export async function previewAction(
  t: TestApp,
  type: string,
  entity: string,
): Promise<{ passed: boolean; message: string; autoApprove: boolean }> {
  const response = await t.app.request('/api/v1/actions', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: await t.cookieFor('operator'),
      'idempotency-key': `preview-${type}-${entity}-${Date.now()}`,
    },
    body: JSON.stringify({
      type,
      target: { kind: 'entity', id: entity },
      params: {},
      rationale: 'Checking whether the data lets this action proceed.',
      evidence: {
        viewUrl: '/',
        window: { from: 0, to: 1 },
        figures: {},
        watermark: null,
        quality: { state: 'ok' },
      },
      dryRun: true,
    }),
  });
  if (response.status !== 200)
    throw new Error(`preview answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as {
    data: {
      policy: {
        autoApprove: boolean;
        results: { code: string; passed: boolean; message: string }[];
      };
    };
  };
  const check = body.data.policy.results.find((r) => r.code === 'data_quality');
  if (!check) throw new Error('the preview has no data_quality check');
  return {
    passed: check.passed,
    message: check.message,
    autoApprove: body.data.policy.autoApprove,
  };
}
