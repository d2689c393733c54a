import { describe, expect, it } from 'vitest';
import { LIVE_REFRESH_MS } from './live-refresh.ts';
import {
  judgeStaleness,
  sameStaleness,
  staleSinceOf,
  type Connectivity,
  type QueryFreshness,
} from './staleness.ts';

const T = Date.UTC(2026, 11, 4, 12, 0, 0);
const online: Connectivity = { online: true, offlineSince: null };
const polled = (updatedAt: number, failure: string | null = null): QueryFreshness => ({
  updatedAt,
  refreshMs: LIVE_REFRESH_MS,
  failure,
});
const fixed = (updatedAt: number, failure: string | null = null): QueryFreshness => ({
  updatedAt,
  refreshMs: null,
  failure,
});

describe('judgeStaleness', () => {
  it('waits while nothing is on screen that could pass for current', () => {
    expect(judgeStaleness([], { online: false, offlineSince: T }, T)).toEqual({ state: 'waiting' });
  });

  it('is live while every polled answer is younger than two refresh intervals, dated by the oldest', () => {
    expect(
      judgeStaleness([polled(T - 5_000), polled(T - 12_000), fixed(T - 600_000)], online, T),
    ).toEqual({ state: 'live', updatedAt: T - 12_000 });
    expect(judgeStaleness([polled(T - 2 * LIVE_REFRESH_MS)], online, T).state).toBe('live');
  });

  it('goes stale once a polled answer is more than two refresh intervals old, with no failure at all', () => {
    const verdict = judgeStaleness(
      [polled(T - 1_000), polled(T - 2 * LIVE_REFRESH_MS - 1)],
      online,
      T,
    );
    expect(verdict).toEqual({
      state: 'stale',
      since: T - 2 * LIVE_REFRESH_MS - 1,
      reason: 'No successful refresh for over 30 s',
      retrying: true,
    });
  });

  it('never calls an answer that is not polled overdue: a fixed window is dated by its newest load', () => {
    expect(judgeStaleness([fixed(T - 3_600_000), fixed(T - 7_200_000)], online, T)).toEqual({
      state: 'fixed',
      updatedAt: T - 3_600_000,
    });
  });

  it('goes stale at the first failed refresh, since the failing answer was received', () => {
    const verdict = judgeStaleness(
      [polled(T - 3_000), polled(T - 8_000, 'The server could not be reached')],
      online,
      T,
    );
    expect(verdict).toEqual({
      state: 'stale',
      since: T - 8_000,
      reason: 'The last refresh failed: The server could not be reached',
      retrying: true,
    });
  });

  it('says a failed fixed-window refresh is not retried by itself', () => {
    expect(judgeStaleness([fixed(T - 8_000, 'The server answered 503')], online, T)).toMatchObject({
      state: 'stale',
      retrying: false,
    });
  });

  it('is stale while offline, where react-query pauses instead of failing, and stays so until a refresh succeeds', () => {
    const queries = [polled(T - 1_000), fixed(T - 60_000)];
    expect(judgeStaleness(queries, { online: false, offlineSince: T - 500 }, T)).toEqual({
      state: 'stale',
      since: T - 1_000,
      reason: 'This browser is offline',
      retrying: true,
    });
    expect(judgeStaleness(queries, { online: true, offlineSince: T - 500 }, T)).toMatchObject({
      state: 'stale',
      reason: 'Back online; waiting for a successful refresh',
    });
    expect(judgeStaleness(queries, online, T)).toEqual({ state: 'live', updatedAt: T - 1_000 });
  });
});

describe('sameStaleness and staleSinceOf', () => {
  it('treats equal verdicts as the same and a new update time as a change', () => {
    expect(sameStaleness({ state: 'live', updatedAt: T }, { state: 'live', updatedAt: T })).toBe(
      true,
    );
    expect(
      sameStaleness({ state: 'live', updatedAt: T }, { state: 'live', updatedAt: T + 1 }),
    ).toBe(false);
    expect(
      sameStaleness(
        { state: 'stale', since: T, reason: 'a', retrying: true },
        { state: 'live', updatedAt: T },
      ),
    ).toBe(false);
  });

  it("dates a page's quality verdict by its own answer only while the screen is stale", () => {
    expect(
      staleSinceOf({ state: 'stale', since: T - 9_000, reason: 'x', retrying: true }, T - 4_000),
    ).toBe(T - 4_000);
    expect(staleSinceOf({ state: 'live', updatedAt: T }, T - 4_000)).toBeNull();
  });
});
