import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { QualityBadge } from './quality-badge.tsx';

describe('QualityBadge', () => {
  it("names a degraded row's state and shows its reason as text", () => {
    const html = renderToStaticMarkup(
      <QualityBadge
        quality={{ state: 'degraded', reason: '2 of its 4 active entities have stopped sending' }}
      />,
    );
    expect(html).toContain('data-quality="degraded"');
    expect(html).toContain('Data degraded');
    expect(html).toContain(
      '<span class="quality-summary__reason">2 of its 4 active entities have stopped sending</span>',
    );
  });

  it('keeps an ok row quiet on screen but still in words for hover and screen readers', () => {
    const html = renderToStaticMarkup(
      <QualityBadge quality={{ state: 'ok', reason: 'Data complete and current' }} />,
    );
    expect(html).toContain('Data OK');
    expect(html).toContain('title="Data complete and current"');
    expect(html).toContain('class="sr-only">: Data complete and current');
  });
});
