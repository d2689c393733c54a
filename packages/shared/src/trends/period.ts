import type { TimeWindow } from '../time-window.ts';

export const TREND_PERIODS = ['7d', '30d', '90d', 'custom'] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

const DAY = 86_400_000;
export const PRESET_PERIOD_MS: Record<Exclude<TrendPeriod, 'custom'>, number> = {
  '7d': 7 * DAY,
  '30d': 30 * DAY,
  '90d': 90 * DAY,
};
export const MIN_TREND_WINDOW_MS = 3_600_000;
export const MAX_TREND_WINDOW_MS = 90 * DAY;

/** Windows are whole minutes, like every rollup read: from rounds down, to rounds up. */
export function alignWindow(window: TimeWindow): TimeWindow {
  return {
    from: Math.floor(window.from / 60_000) * 60_000,
    to: Math.ceil(window.to / 60_000) * 60_000,
  };
}

/** The window of equal length just before: what every "compared with the previous period" delta compares with. */
export function previousWindow(window: TimeWindow): TimeWindow {
  return { from: window.from - (window.to - window.from), to: window.from };
}

const WEEK = 7 * DAY;
/** 1970-01-05 was a Monday: weeks start on Monday 00:00 UTC. */
const MONDAY_OFFSET = 4 * DAY;

export function weekStart(ts: number): number {
  return Math.floor((ts - MONDAY_OFFSET) / WEEK) * WEEK + MONDAY_OFFSET;
}
