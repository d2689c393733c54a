import { afterEach, describe, expect, it, vi } from 'vitest';
import { absolute, relative } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { answerFixture, answerResponse, refusedAnswerFixture } from '../testing/answer-fixtures.ts';
import { click, render as renderInto } from '../../../testing/render.tsx';

// Findings link into the drill-down: every render here sits inside a router.
const render = (ui: Parameters<typeof renderInto>[0]) => renderInto(ui, { router: true });
import type { FindingProposal } from './proposal-prefill.ts';
import { WhyPanel } from './why-panel.tsx';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 30);
const pageView: DrillView = { window: relative('1h'), filters: {} };

function answering(body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status: 200 }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const requestedUrl = (fetch: ReturnType<typeof answering>) =>
  new URL(String(fetch.mock.calls[0]?.[0 as never]), 'http://x');
const links = (container: HTMLElement) =>
  [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('WhyPanel', () => {
  it('asks nothing until "Why?" is pressed, then asks for the page window', async () => {
    const fetch = answering(answerResponse(answerFixture()));
    const { container } = await render(
      <WhyPanel scope={{ kind: 'segment', id: 'checkout-eu' }} view={pageView} now={() => NOW} />,
    );
    expect(fetch).not.toHaveBeenCalled();
    await click(container, 'Why?');
    const url = requestedUrl(fetch);
    expect(url.pathname).toBe('/api/v1/assist/why');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      scope: 'segment',
      id: 'checkout-eu',
      from: String(NOW - 3_600_000),
      to: String(NOW),
    });
    expect(container.textContent).toContain("For this page's window");
  });

  it('asks for the range brushed on the chart and says so', async () => {
    const fetch = answering(answerResponse(answerFixture()));
    const brushed: DrillView = {
      window: absolute(Date.UTC(2026, 11, 4, 11, 10), Date.UTC(2026, 11, 4, 11, 40)),
      nav: relative('1h'),
      filters: {},
    };
    const { container } = await render(
      <WhyPanel scope={{ kind: 'entity', id: 'checkout-eu-api-03' }} view={brushed} />,
    );
    await click(container, 'Why?');
    const params = requestedUrl(fetch).searchParams;
    expect(params.get('from')).toBe(String(Date.UTC(2026, 11, 4, 11, 10)));
    expect(params.get('to')).toBe(String(Date.UTC(2026, 11, 4, 11, 40)));
    expect(container.querySelector('[data-testid="assist-range"]')?.textContent).toBe(
      'For the range brushed on the chart: 2026-12-04 11:10 UTC – 2026-12-04 11:40 UTC.',
    );
  });

  it('shows findings as suggestions with linked evidence, interesting ones first and the rest collapsed', async () => {
    answering(answerResponse(answerFixture()));
    const { container } = await render(
      <WhyPanel scope={{ kind: 'segment', id: 'checkout-eu' }} view={pageView} />,
    );
    await click(container, 'Why?');
    expect(container.querySelector('[data-testid="assist-label"]')?.textContent).toMatch(
      /^Suggestions from rules assist-rules\/\S+ — check before acting$/,
    );
    const findings = container.querySelector('[aria-label="Findings"]');
    expect(findings?.textContent).toContain('checkout-eu-api-03 carries 82% of the excess errors');
    expect(findings?.textContent).toContain('DbPoolExhausted');
    expect(findings?.textContent).not.toContain('Not systemic');
    const collapsed = container.querySelector('details');
    expect(collapsed?.open).toBe(false);
    expect(collapsed?.querySelector('summary')?.textContent).toBe('Checked, nothing notable (1)');
    expect(collapsed?.textContent).toContain('Not systemic: 1 of 12 entities affected');
    const evidence = findings?.querySelector('a');
    expect(evidence?.getAttribute('href')).toBe(
      '/segments/checkout-eu/entities/checkout-eu-api-03?from=2026-12-04T11:00:00Z&to=2026-12-04T12:00:00Z',
    );
    expect(evidence?.textContent).toContain('errorRatio = 0.871');
    expect(container.querySelector('[data-testid="assist-novelty"]')?.textContent).toContain(
      'Rare',
    );
    const similar = container.querySelector('[aria-label="Similar past incidents"]');
    expect(similar?.textContent).toContain('lasted 25 min');
    expect(similar?.textContent).toContain('restart_entity on entity checkout-eu-api-03: executed');
    expect(links(container)).toContain(
      '/segments/checkout-eu?from=2026-12-01T11:00:00Z&to=2026-12-01T11:25:00Z',
    );
  });

  it('shows a refusal with its quality reasons and no findings', async () => {
    answering(answerResponse(refusedAnswerFixture()));
    const { container } = await render(
      <WhyPanel scope={{ kind: 'segment', id: 'checkout-eu' }} view={pageView} />,
    );
    await click(container, 'Why?');
    const refusal = container.querySelector('[data-testid="assist-refusal"]');
    expect(refusal?.textContent).toContain('Data unsafe — no suggestions.');
    expect(refusal?.textContent).toContain(
      'The rollup worker has not finished a run for 5 minutes',
    );
    expect(container.querySelector('[aria-label="Findings"]')).toBeNull();
    expect(container.textContent).not.toContain('carries 82% of the excess errors');
  });

  it('offers "Propose…" with the finding\'s suggestion, the answer id and window, only when given a way to propose', async () => {
    answering(answerResponse(answerFixture()));
    const offered: FindingProposal[] = [];
    const { container } = await render(
      <WhyPanel
        scope={{ kind: 'segment', id: 'checkout-eu' }}
        view={pageView}
        renderPropose={(proposal) => {
          offered.push(proposal);
          return <button type="button">Propose…</button>;
        }}
      />,
    );
    await click(container, 'Why?');
    expect(container.querySelectorAll('button')).toHaveLength(2);
    expect(offered.at(-1)).toEqual({
      target: { kind: 'entity', id: 'checkout-eu-api-03' },
      prefill: {
        type: 'restart_entity',
        rationale:
          'checkout-eu-api-03 carries 82% of the excess errors (DbPoolExhausted, z = 14.2).',
        assistId: 'as_0123456789abcdef01234567',
        window: answerFixture().window,
      },
    });
  });

  it('shows the error of a failed request in the panel', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              error: { code: 'forbidden', message: 'needs assist.read', requestId: 'r1' },
            }),
            { status: 403 },
          ),
      ),
    );
    const { container } = await render(
      <WhyPanel scope={{ kind: 'segment', id: 'checkout-eu' }} view={pageView} />,
    );
    await click(container, 'Why?');
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('needs assist.read');
  });
});
