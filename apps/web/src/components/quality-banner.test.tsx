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
    expect(html).toContain('Final up to 12:30 UTC');
    expect(html).toContain('No events were received from 12:00 UTC to 12:06 UTC.');
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
