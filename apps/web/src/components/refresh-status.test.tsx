import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RefreshStatus } from './refresh-status.tsx';

const T = Date.UTC(2026, 11, 4, 12, 30, 15);

describe('RefreshStatus (the header)', () => {
  it('says "Stale since hh:mm:ss — retrying" as an alert, with the reason', () => {
    const html = renderToStaticMarkup(
      <RefreshStatus
        staleness={{ state: 'stale', since: T, reason: 'This browser is offline', retrying: true }}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('Stale since 12:30:15 UTC — retrying');
    expect(html).toContain('This browser is offline');
    expect(html).not.toContain('Live');
  });

  it('asks for a click when nothing will retry by itself', () => {
    const html = renderToStaticMarkup(
      <RefreshStatus
        staleness={{
          state: 'stale',
          since: T,
          reason: 'The last refresh failed: 503',
          retrying: false,
        }}
      />,
    );
    expect(html).toContain('Stale since 12:30:15 UTC — press Refresh to retry');
  });

  it('says "Live" only for polled data refreshed in time, and "Not live" for data loaded once', () => {
    expect(
      renderToStaticMarkup(<RefreshStatus staleness={{ state: 'live', updatedAt: T }} />),
    ).toContain('Live · updated 12:30:15 UTC');
    const fixed = renderToStaticMarkup(
      <RefreshStatus staleness={{ state: 'fixed', updatedAt: T }} />,
    );
    expect(fixed).toContain('Not live · loaded 12:30:15 UTC');
    expect(fixed).not.toContain('role="alert"');
    expect(renderToStaticMarkup(<RefreshStatus staleness={{ state: 'waiting' }} />)).toBe('');
  });
});
