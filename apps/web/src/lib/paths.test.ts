import { describe, expect, it } from 'vitest';
import { paths, safeNext } from './paths.ts';
import { readDrillView, type DrillView } from './url-state.ts';
import { absolute, relative } from './time-window.ts';

const zoomed: DrillView = {
  window: absolute(Date.UTC(2025, 0, 1, 12), Date.UTC(2025, 0, 1, 13)),
  nav: relative('24h'),
  filters: { status: 'error', errorClass: 'DbPoolExhausted' },
};

describe('paths', () => {
  it('carries window, navigator context and filters into every level', () => {
    const search =
      '?from=2025-01-01T12%3A00%3A00Z&to=2025-01-01T13%3A00%3A00Z&nav=24h&status=error&errorClass=DbPoolExhausted';
    expect(paths.overview(zoomed)).toBe(`/${search}`);
    expect(paths.segment('checkout-eu', zoomed)).toBe(`/segments/checkout-eu${search}`);
    expect(paths.entity('checkout-eu', 'checkout-eu-api-03', zoomed)).toBe(
      `/segments/checkout-eu/entities/checkout-eu-api-03${search}`,
    );
    expect(paths.events('checkout-eu', 'checkout-eu-api-03', zoomed)).toBe(
      `/segments/checkout-eu/entities/checkout-eu-api-03/events${search}`,
    );
  });

  it('reads back exactly the view it wrote', () => {
    const url = new URL(paths.entity('a', 'b', zoomed), 'http://x');
    expect(readDrillView(url.searchParams)).toEqual(zoomed);
  });

  it('keeps a live window relative and adds page-only options', () => {
    expect(paths.segment('s', { window: relative('1h'), filters: {} }, { compare: true })).toBe(
      '/segments/s?range=1h&compare=previous',
    );
    expect(
      paths.events('s', 'e', { window: relative('1h'), filters: {} }, { eventId: 'ev-1' }),
    ).toBe('/segments/s/entities/e/events?range=1h&event=ev-1');
  });

  it('escapes ids that are not plain path segments', () => {
    expect(paths.segment('a/b', { window: relative('6h'), filters: {} })).toBe(
      '/segments/a%2Fb?range=6h',
    );
  });

  it('carries the page to return to through sign-in', () => {
    expect(paths.login('/?from=1&to=2')).toBe('/login?next=%2F%3Ffrom%3D1%26to%3D2');
    expect(paths.login('/')).toBe('/login');
  });

  it('refuses to redirect off-site after sign-in', () => {
    expect(safeNext('/?from=1')).toBe('/?from=1');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });

  it('links the approvals queue, one action and the audit trail', () => {
    expect(paths.approvals()).toBe('/approvals');
    expect(paths.approvals({ state: 'proposed', type: 'drain_entity' })).toBe(
      '/approvals?state=proposed&type=drain_entity',
    );
    expect(paths.action(42)).toBe('/actions/42');
    expect(paths.audit({ actionId: 42 })).toBe('/audit?actionId=42');
  });

  it('links the trends page without the drill-down window, which it does not read', () => {
    expect(paths.trends()).toBe('/trends');
  });
});
