import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  distinctDaySequences,
  PAGE_WINDOWS,
  requestPath,
  VIEW_LEVELS,
  viewSequences,
  type FleetForViews,
} from './view-sequences.ts';

const DAY = 86_400_000;
const END = Date.UTC(2026, 11, 1, 12, 0);
const fleet: FleetForViews = {
  startTs: END - 7 * DAY,
  endTs: END,
  segments: Array.from({ length: 8 }, (_, s) => ({
    slug: `seg-${s}`,
    entities: Array.from({ length: 25 }, (_, e) => `seg-${s}-svc-${e}`),
  })),
};

describe('viewSequences', () => {
  const sequences = viewSequences(fleet, 50, 80);
  const now = END + 30_000;

  it('gives every connection its own walk', () => {
    const walks = new Set(sequences.map((s) => s.map((r) => requestPath(r, now)).join('\n')));
    expect(walks.size).toBe(50);
    // Not just reordered: connections ask for different segments, entities and windows.
    const firstEntities = new Set(sequences.map((s) => s[2]!.entity));
    expect(firstEntities.size).toBeGreaterThan(30);
  });

  it('walks overview → segment → entity → series → events, on one segment and entity', () => {
    for (const sequence of sequences) {
      expect(sequence).toHaveLength(80 * VIEW_LEVELS.length);
      for (let at = 0; at < sequence.length; at += VIEW_LEVELS.length) {
        const walk = sequence.slice(at, at + VIEW_LEVELS.length);
        expect(walk.map((r) => r.level)).toEqual([...VIEW_LEVELS]);
        expect(new Set(walk.map((r) => `${r.segment} ${r.entity}`)).size).toBe(1);
        const segment = fleet.segments.find((s) => s.slug === walk[0]!.segment)!;
        expect(segment.entities).toContain(walk[0]!.entity);
      }
    }
  });

  it('covers every level with live 6 h, 24 h, 7 d and fixed windows, and zooms inside the page window', () => {
    const all = sequences.flat();
    for (const level of VIEW_LEVELS)
      for (const kind of PAGE_WINDOWS)
        expect(all.some((r) => r.level === level && r.pageWindow === kind)).toBe(true);
    expect(new Set(all.map((r) => r.segment)).size).toBe(8);
    for (let at = 0; at < all.length; at += VIEW_LEVELS.length) {
      const [overview, , , series] = all.slice(at, at + VIEW_LEVELS.length);
      // The chart being zoomed was drawn when the page loaded: live windows ended at the data's end then.
      const page = boundsOf(overview!.window, END);
      const zoom = boundsOf(series!.window, now);
      expect(series!.window.kind).toBe('fixed');
      expect(zoom.from).toBeGreaterThanOrEqual(page.from);
      expect(zoom.to).toBeLessThanOrEqual(page.to);
      expect(zoom.to - zoom.from).toBeGreaterThanOrEqual(15 * 60_000);
    }
  });

  it('sends a live window as `from` only, sliding with the clock, and events with both bounds', () => {
    const walk = sequences[0]!;
    const live = walk.find((r) => r.level === 'segment' && r.pageWindow === 'live 24 h')!;
    expect(requestPath(live, now)).toBe(`/api/v1/segments/${live.segment}?from=${now - DAY}`);
    expect(requestPath(live, now + 1_000)).toBe(
      `/api/v1/segments/${live.segment}?from=${now + 1_000 - DAY}`,
    );
    const events = walk.find((r) => r.level === 'events' && r.pageWindow === 'live 6 h')!;
    expect(requestPath(events, now)).toBe(
      `/api/v1/events?entityId=${events.entity}&from=${now - 6 * 3_600_000}&to=${now}&limit=100`,
    );
    // A clock estimate with a fraction still sends whole milliseconds (the API refuses others).
    expect(requestPath(live, now + 0.5)).toBe(`/api/v1/segments/${live.segment}?from=${now - DAY}`);
    const link = walk.find((r) => r.level === 'entity' && r.pageWindow === 'link 6–24 h')!;
    expect(link.window.kind).toBe('fixed');
    if (link.window.kind === 'fixed') {
      expect(link.window.to).toBeLessThanOrEqual(END);
      expect(link.window.from).toBeGreaterThanOrEqual(fleet.startTs);
      expect(link.window.to % 1_000).toBe(0);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const again = viewSequences(fleet, 50, 80);
    expect(again).toEqual(sequences);
    expect(viewSequences(fleet, 50, 80, 1)).not.toEqual(sequences);
  });
});

describe('distinctDaySequences', () => {
  it('never asks for the same 24 h window twice', () => {
    const sequences = distinctDaySequences('seg-1', END, 50, 400);
    const paths = sequences.flat().map((r) => requestPath(r, END));
    expect(new Set(paths).size).toBe(50 * 400);
    for (const request of sequences.flat()) {
      const { from, to } = boundsOf(request.window, END);
      expect(to - from).toBe(DAY);
      expect(to).toBeLessThanOrEqual(END);
    }
  });
});
