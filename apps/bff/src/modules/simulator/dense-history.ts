import { HISTORICAL_INCIDENTS } from './demo-scenario.ts';
import type { SimEvent } from './entity-streams.ts';
import { generateEvents, type GenerateOptions } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';

/**
 * Traffic in a dense window: the dense tier's rates at this multiple, whatever the seed's scale.
 * At the quietest hour of a weekend night (a quarter of peak) two failing instances still fail
 * about five requests a minute, well above the two an incident minute needs.
 */
export const DENSE_WINDOW_TRAFFIC_SCALE = 2;

/** A stretch of one segment's history seeded at live density. */
export interface DenseWindow {
  segment: string;
  from: number;
  /** Exclusive. */
  to: number;
}

/**
 * The historical incidents that must stay findable minute by minute, widened by their margins.
 * Older history is otherwise seeded too sparsely (one request per instance every ten or twenty
 * minutes) for any minute to hold the failures an incident needs.
 */
export function denseHistoryWindows(anchorMs: number): DenseWindow[] {
  return HISTORICAL_INCIDENTS.flatMap((incident) => {
    if (incident.denseMarginMs === null) return [];
    const start = anchorMs + incident.startOffsetMs;
    return [
      {
        segment: incident.segment,
        from: start - incident.denseMarginMs,
        to: start + incident.durationMs + incident.denseMarginMs,
      },
    ];
  }).sort((a, b) => a.from - b.from);
}

/**
 * The fleet's events for [fromMs, toMs) as generateEvents gives them, except that inside each
 * dense window that window's segment is generated as if the window's end were the anchor, at
 * DENSE_WINDOW_TRAFFIC_SCALE, instead of at its age's tier. Everything else is unchanged, event for event,
 * because generated events do not depend on how a window is split.
 */
export function* generateHistory(
  options: GenerateOptions,
  windows: readonly DenseWindow[],
): Generator<SimEvent[], void, undefined> {
  const fleet = options.fleet ?? DEMO_FLEET;
  let cursor = options.fromMs;
  for (const window of windows) {
    const from = Math.max(cursor, window.from);
    const to = Math.min(options.toMs, window.to);
    if (to <= from) continue;
    if (from > cursor) yield* generateEvents({ ...options, fleet, fromMs: cursor, toMs: from });
    const inSegment = fleet.filter((entity) => entity.segment.slug === window.segment);
    const others = fleet.filter((entity) => entity.segment.slug !== window.segment);
    yield* generateEvents({ ...options, fleet: others, fromMs: from, toMs: to });
    yield* generateEvents({
      ...options,
      fleet: inSegment,
      anchorMs: to,
      fromMs: from,
      toMs: to,
      scale: 1,
      trafficScale: DENSE_WINDOW_TRAFFIC_SCALE,
    });
    cursor = to;
  }
  if (cursor < options.toMs) yield* generateEvents({ ...options, fleet, fromMs: cursor });
}
