import { act } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_WINDOW, segmentResponseFixture } from '../../../lib/testing/drilldown-fixtures.ts';
import { render } from '../../../testing/render.tsx';
import { ProposeActionForm } from './propose-action-form.tsx';

const ASSIST_ID = 'as_00112233445566778899aabb';
const RATIONALE = 'Traffic doubled on checkout-eu (lift 2.1, z = 6.3): add replicas.';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

/** Lets the figures load and the form's 300 ms debounce run out, on fake time. */
async function passDebounce() {
  for (let step = 0; step < 5; step++)
    await act(async () => {
      await vi.advanceTimersByTimeAsync(100);
    });
}

/** Answers the target's figures; records every dry run the form asks for. */
function stubServer() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const dryRuns: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/v1/segments/'))
        return new Response(JSON.stringify(segmentResponseFixture()));
      dryRuns.push(JSON.parse(String(init?.body)));
      return new Promise<Response>(() => {});
    }),
  );
  return dryRuns;
}

describe('ProposeActionForm with a "Why?" suggestion', () => {
  it('arrives filled with the type, rationale and the answer id in the evidence, and only dry-runs it until a human submits', async () => {
    const dryRuns = stubServer();
    const { container } = await render(
      <MemoryRouter>
        <ProposeActionForm
          target={{ kind: 'segment', id: 'checkout-eu' }}
          entityKind={null}
          viewUrl="/segments/checkout-eu?range=1h"
          window={FIXTURE_WINDOW}
          prefill={{
            type: 'scale_segment',
            rationale: RATIONALE,
            assistId: ASSIST_ID,
            window: FIXTURE_WINDOW,
          }}
          onClose={() => {}}
        />
      </MemoryRouter>,
    );
    expect(container.querySelector('select')?.value).toBe('scale_segment');
    expect(container.querySelector('textarea')?.value).toBe(RATIONALE);
    expect(container.querySelector('[data-testid="evidence-assist-id"]')?.textContent).toBe(
      ASSIST_ID,
    );
    // The dry run (debounced) is the only request: it shows what the proposal would send.
    await passDebounce();
    expect(dryRuns.every((body) => (body as { dryRun?: boolean }).dryRun === true)).toBe(true);
    expect(dryRuns[0]).toMatchObject({
      type: 'scale_segment',
      target: { kind: 'segment', id: 'checkout-eu' },
      rationale: RATIONALE,
      evidence: { assistId: ASSIST_ID, window: FIXTURE_WINDOW },
      dryRun: true,
    });
  });

  it('leaves the evidence without an answer id when opened from the page', async () => {
    const dryRuns = stubServer();
    await render(
      <MemoryRouter>
        <ProposeActionForm
          target={{ kind: 'segment', id: 'checkout-eu' }}
          entityKind={null}
          viewUrl="/segments/checkout-eu?range=1h"
          window={FIXTURE_WINDOW}
          onClose={() => {}}
        />
      </MemoryRouter>,
    );
    await passDebounce();
    expect((dryRuns[0] as { evidence: object }).evidence).not.toHaveProperty('assistId');
  });
});
