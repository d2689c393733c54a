import { describe, expect, it } from 'vitest';
import { evidenceHref } from './evidence-link.ts';

const window = { from: Date.UTC(2026, 11, 5, 10, 0), to: Date.UTC(2026, 11, 5, 16, 0) };

describe('evidenceHref', () => {
  it("pins a relative view to the proposer's absolute window, keeping its filters", () => {
    const href = evidenceHref({
      viewUrl: '/segments/checkout-eu/entities/checkout-eu-3?range=6h&status=error',
      window,
    });
    expect(href).toBe(
      '/segments/checkout-eu/entities/checkout-eu-3?status=error&from=2026-12-05T10%3A00%3A00Z&to=2026-12-05T16%3A00%3A00Z',
    );
    const params = new URL(href!, 'https://x').searchParams;
    expect(params.get('range')).toBeNull();
    expect(params.get('from')).toBe('2026-12-05T10:00:00Z');
  });

  it('replaces bounds the address already carried with the evidence window', () => {
    const href = evidenceHref({ viewUrl: '/?from=1&to=2', window });
    expect(href).toBe('/?from=2026-12-05T10%3A00%3A00Z&to=2026-12-05T16%3A00%3A00Z');
  });

  it('links nothing outside the app', () => {
    expect(evidenceHref({ viewUrl: 'https://evil.example/x', window })).toBeNull();
    expect(evidenceHref({ viewUrl: '//evil.example/x', window })).toBeNull();
    expect(evidenceHref({ viewUrl: 'javascript:alert(1)', window })).toBeNull();
  });
});
