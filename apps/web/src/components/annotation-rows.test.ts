import { describe, expect, it } from 'vitest';
import type { Annotation } from '@watchfloor/shared/annotations';
import { alertRows, changeRows, scopeWords } from './annotation-rows.ts';

const M = 60_000;
const window = { from: 10 * M, to: 70 * M };
const mark = (over: Partial<Annotation>): Annotation => ({
  ts: 20 * M,
  kind: 'deploy',
  title: 'x',
  eventId: null,
  ...over,
});

describe('changeRows', () => {
  it('lists changes and actions of the window newest first, with their word, scope and link', () => {
    const rows = changeRows(
      [
        mark({
          ts: 20 * M,
          source: 'change',
          changeId: 'd-1',
          title: 'checkout v2.4.1',
          url: 'https://ci.example/981',
          segment: 'checkout',
        }),
        mark({ ts: 40 * M, kind: 'action', title: 'Restart api-1 (#7)', actionId: 7 }),
        mark({
          ts: 30 * M,
          endTs: 50 * M,
          kind: 'infra',
          changeId: 'i-1',
          title: 'node pool upgrade',
          url: 'javascript:alert(1)',
        }),
        mark({ ts: 5 * M, title: 'before the window' }),
        mark({ ts: 25 * M, endTs: 35 * M, kind: 'alert', open: false, title: 'an alert' }),
      ],
      window,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        key: 'action-7',
        kindWord: 'Action',
        actionHref: '/actions/7',
        url: null,
        scope: 'fleet-wide',
      }),
      expect.objectContaining({
        key: 'change-i-1',
        kindWord: 'Infra',
        endTs: 50 * M,
        // Only http(s) links are ever clickable.
        url: null,
      }),
      expect.objectContaining({
        key: 'change-d-1',
        kindWord: 'Deploy',
        title: 'checkout v2.4.1',
        scope: 'segment checkout',
        url: 'https://ci.example/981',
        endTs: null,
      }),
    ]);
  });

  it('keeps a change that started before the window and ran into it', () => {
    const rows = changeRows([mark({ ts: 0, endTs: 15 * M, kind: 'config' })], window);
    expect(rows).toHaveLength(1);
  });
});

describe('alertRows', () => {
  it('lists alert episodes newest first, open ones as firing, with severity and source', () => {
    const rows = alertRows(
      [
        mark({
          kind: 'alert',
          ts: 20 * M,
          endTs: 30 * M,
          alertEpisodeId: 1,
          title: 'HighLatency',
          severity: 'warning',
          url: 'http://prometheus:9090/graph',
          segment: 's',
          entity: 'e',
        }),
        mark({ kind: 'alert', ts: 60 * M, endTs: null, open: true, alertEpisodeId: 2 }),
        mark({ kind: 'alert', ts: 80 * M, open: true, alertEpisodeId: 3 }),
        mark({ kind: 'deploy', ts: 40 * M }),
      ],
      window,
    );
    expect(rows).toEqual([
      expect.objectContaining({ key: 'alert-2', firing: true, end: null, severity: null }),
      expect.objectContaining({
        key: 'alert-1',
        firing: false,
        start: 20 * M,
        end: 30 * M,
        severity: 'warning',
        title: 'HighLatency',
        scope: 'entity e',
        url: 'http://prometheus:9090/graph',
      }),
    ]);
  });

  it('takes every alert given when no window is asked for (an action’s evidence)', () => {
    expect(alertRows([mark({ kind: 'alert', ts: 0, endTs: M })])).toHaveLength(1);
  });
});

describe('scopeWords', () => {
  it('says entity, segment or fleet-wide', () => {
    expect(scopeWords({ segment: 's', entity: 'e' })).toBe('entity e');
    expect(scopeWords({ segment: 's', entity: null })).toBe('segment s');
    expect(scopeWords({})).toBe('fleet-wide');
  });
});
