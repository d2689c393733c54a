import { SERIES_METRICS } from '@watchfloor/shared/drilldown';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const VIEW_LEVELS = ['overview', 'segment', 'entity', 'series', 'events'] as const;
export type ViewLevel = (typeof VIEW_LEVELS)[number];

/** How the page's window was chosen: a live preset, or fixed bounds from a shared link. */
export const PAGE_WINDOWS = ['live 6 h', 'live 24 h', 'live 7 d', 'link 6–24 h'] as const;
/** 'distinct day': the fair-reference load, a 24 h window of its own per request. */
export type PageWindowKind = (typeof PAGE_WINDOWS)[number] | 'distinct day';

/**
 * A window as the SPA sends it (lib/time-window.ts windowRequest): a live window sends only
 * `from`, its client's now minus the preset, so it slides with the clock and the server keys its
 * answer by length; fixed bounds are sent as they are.
 */
export type RequestWindow =
  { kind: 'live'; lengthMs: number } | { kind: 'fixed'; from: number; to: number };

export interface ViewRequest {
  level: ViewLevel;
  pageWindow: PageWindowKind;
  segment: string;
  entity: string;
  window: RequestWindow;
}

export interface FleetForViews {
  /** The last loaded minute: live windows end there (plus the server's clock drift), links before it. */
  endTs: number;
  startTs: number;
  segments: { slug: string; entities: string[] }[];
}

/** Small seeded generator (mulberry32): the same seed gives every run the same walks. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LIVE_LENGTH: Partial<Record<PageWindowKind, number>> = {
  'live 6 h': 6 * HOUR,
  'live 24 h': DAY,
  'live 7 d': 7 * DAY,
};

/**
 * Each connection's own walks down the drill-down, as one operator clicks: overview → segment →
 * entity → a zoom of that entity's chart (series) → its raw events. Walks rotate through live
 * 6 h / 24 h / 7 d presets and shared links (fixed 6–24 h windows ending at some second in the
 * stored days); the segment, entity and zoom are drawn per connection and walk. A zoom is what
 * Highcharts reports (whole milliseconds anywhere in the page window, 15 min–4 h long); the events
 * page asks for the page's window with both bounds, as the SPA does. So live presets on the same
 * segment share answers as real operators' would, and links, zooms and events pages do not.
 */
export function viewSequences(
  fleet: FleetForViews,
  connections: number,
  walksPerConnection: number,
  seed = 20_261_206,
): ViewRequest[][] {
  return Array.from({ length: connections }, (_, connection) => {
    const random = randomSource(seed + connection * 7_919);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const requests: ViewRequest[] = [];
    for (let walk = 0; walk < walksPerConnection; walk += 1) {
      // Start each connection at a different point of the rotation, so all presets run at once.
      const pageWindow = PAGE_WINDOWS[(walk + connection) % PAGE_WINDOWS.length]!;
      const segment = pick(fleet.segments);
      const entity = pick(segment.entities);
      const window = pageWindowOf(pageWindow, fleet, random);
      const bounds = boundsOf(window, fleet.endTs);
      const zoomLength = Math.min(
        bounds.to - bounds.from,
        Math.round(15 * MINUTE + random() * (4 * HOUR - 15 * MINUTE)),
      );
      const zoomFrom = bounds.from + Math.round(random() * (bounds.to - bounds.from - zoomLength));
      const zoom: RequestWindow = { kind: 'fixed', from: zoomFrom, to: zoomFrom + zoomLength };
      const step = (level: ViewLevel, w: RequestWindow) =>
        requests.push({ level, pageWindow, segment: segment.slug, entity, window: w });
      step('overview', window);
      step('segment', window);
      step('entity', window);
      step('series', zoom);
      step('events', window);
    }
    return requests;
  });
}

function pageWindowOf(
  kind: PageWindowKind,
  fleet: FleetForViews,
  random: () => number,
): RequestWindow {
  const live = LIVE_LENGTH[kind];
  if (live !== undefined) return { kind: 'live', lengthMs: live };
  // A link copied during an earlier incident: the URL carries whole seconds (formatInstant).
  const length = Math.round(((6 + random() * 18) * HOUR) / SECOND) * SECOND;
  const earliestEnd = fleet.startTs + length;
  const to = Math.floor((earliestEnd + random() * (fleet.endTs - earliestEnd)) / SECOND) * SECOND;
  return { kind: 'fixed', from: to - length, to };
}

/** The bounds a window stands for when its client's clock reads `now`. */
export function boundsOf(window: RequestWindow, now: number): { from: number; to: number } {
  return window.kind === 'fixed'
    ? { from: window.from, to: window.to }
    : { from: now - window.lengthMs, to: now };
}

const METRICS = SERIES_METRICS.join(',');

/** The request's path and query at the moment the client's clock reads `now`. */
export function requestPath(request: ViewRequest, clockNow: number): string {
  // Clients send whole milliseconds (Date.now()); the API refuses fractions.
  const now = Math.floor(clockNow);
  const { window } = request;
  const sent =
    window.kind === 'live'
      ? `from=${now - window.lengthMs}`
      : `from=${window.from}&to=${window.to}`;
  const entity = encodeURIComponent(request.entity);
  switch (request.level) {
    case 'overview':
      return `/api/v1/overview?${sent}`;
    case 'segment':
      return `/api/v1/segments/${encodeURIComponent(request.segment)}?${sent}`;
    case 'entity':
      return `/api/v1/entities/${entity}?${sent}`;
    case 'series':
      return `/api/v1/series?scope=entity&id=${entity}&metrics=${METRICS}&${sent}`;
    case 'events': {
      const { from, to } = boundsOf(window, now);
      return `/api/v1/events?entityId=${entity}&from=${from}&to=${to}&limit=100`;
    }
  }
}

/**
 * The segment 24 h view with a window of its own for every request (ending at whole seconds
 * counted back from endTs, never the same twice in a run), so neither the product nor the bare
 * reference can share an answer: both compute every one.
 */
export function distinctDaySequences(
  segment: string,
  endTs: number,
  connections: number,
  requestsPerConnection: number,
): ViewRequest[][] {
  return Array.from({ length: connections }, (_, connection) =>
    Array.from({ length: requestsPerConnection }, (_, k) => {
      const to = endTs - (k * connections + connection) * SECOND;
      return {
        level: 'segment' as const,
        pageWindow: 'distinct day' as const,
        segment,
        entity: '',
        window: { kind: 'fixed' as const, from: to - DAY, to },
      };
    }),
  );
}
