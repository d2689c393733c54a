import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { QualityBanner } from './quality-banner.tsx';

describe('QualityBanner', () => {
  it('says "Data unsafe" in words with every reason, as an alert', () => {
    const html = renderToStaticMarkup(
      <QualityBanner
        quality={{
          state: 'unsafe',
          freshnessLagSeconds: 185,
          completeness: 0.9712,
          watermark: Date.UTC(2025, 0, 1, 12, 30),
          reasons: [
            {
              code: 'ingest_gap',
              severity: 'unsafe',
              message: 'No events were received from 12:00 UTC to 12:06 UTC.',
            },
          ],
        }}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('Data unsafe');
    expect(html).toContain('lag 3 min 5 s behind now');
    expect(html).toContain('97.1 % complete');
    // Not today's date: the date is said too.
    expect(html).toContain('Final up to 2025-01-01 12:30 UTC');
    expect(html).toContain('No events were received from 12:00 UTC to 12:06 UTC.');
  });

  it("gives today's watermark as a time of day", () => {
    const watermark = Math.floor(Date.now() / 60_000) * 60_000;
    const html = renderToStaticMarkup(
      <QualityBanner
        quality={{
          state: 'degraded',
          freshnessLagSeconds: 70,
          completeness: 0.99,
          watermark,
          reasons: [],
        }}
      />,
    );
    expect(html).toContain(`Final up to ${new Date(watermark).toISOString().slice(11, 16)} UTC<`);
  });

  it('is a polite status when the data is fine', () => {
    const html = renderToStaticMarkup(
      <QualityBanner
        quality={{
          state: 'ok',
          freshnessLagSeconds: 0,
          completeness: 1,
          watermark: null,
          reasons: [],
        }}
      />,
    );
    expect(html).toContain('role="status"');
    expect(html).toContain('Data OK');
    expect(html).not.toContain('<ul');
  });

  it('says its verdict is not current when the page could not refresh', () => {
    const html = renderToStaticMarkup(
      <QualityBanner
        quality={{
          state: 'ok',
          freshnessLagSeconds: 0,
          completeness: 1,
          watermark: null,
          reasons: [],
        }}
        staleSince={Date.UTC(2025, 0, 1, 12, 30, 15)}
      />,
    );
    expect(html).toContain('Data OK as of 12:30:15 UTC (not current)');
    expect(html).toContain('data-stale="true"');
  });
});
