import { describe, expect, it } from 'vitest';
import { relative } from '../../../lib/time-window.ts';
import { actionCrumbs, approvalsCrumbs } from './action-crumbs.ts';

const view = { window: relative('1h'), filters: {} };

describe('action breadcrumbs', () => {
  it('puts an entity action under its segment and entity, every link keeping the window', () => {
    const crumbs = actionCrumbs(
      12,
      { segment: 'checkout-eu', target: { kind: 'entity', id: 'checkout-eu-3' } },
      view,
    );
    expect(crumbs.map((c) => [c.kind ?? '', c.label, c.to])).toEqual([
      ['', 'Fleet overview', '/?range=1h'],
      ['Segment', 'checkout-eu', '/segments/checkout-eu?range=1h'],
      ['Entity', 'checkout-eu-3', '/segments/checkout-eu/entities/checkout-eu-3?range=1h'],
      ['Action', '#12', '/actions/12'],
    ]);
  });

  it('puts a segment action right under its segment', () => {
    const crumbs = actionCrumbs(
      4,
      { segment: 'search-us', target: { kind: 'segment', id: 'search-us' } },
      view,
    );
    expect(crumbs.map((c) => c.label)).toEqual(['Fleet overview', 'search-us', '#4']);
  });

  it('shows the overview and the action while the action is loading', () => {
    expect(actionCrumbs(4, undefined, view).map((c) => c.label)).toEqual(['Fleet overview', '#4']);
  });

  it('ends the approvals trail on the queue with its filters', () => {
    expect(approvalsCrumbs(view, { state: 'proposed' }).map((c) => c.to)).toEqual([
      '/?range=1h',
      '/approvals?state=proposed',
    ]);
  });
});
