import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowed, refused } from '../testing/action-fixtures.ts';
import { click, render, type } from '../../../testing/render.tsx';
import { DecisionForm } from './decision-form.tsx';

const buttonNamed = (container: HTMLElement, text: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === text);

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('DecisionForm', () => {
  it("disables the proposer's own approve button and says why", async () => {
    const { container } = await render(
      <DecisionForm
        actionId={3}
        approve={refused('you proposed this action; another person must approve it')}
        reject={allowed}
      />,
    );
    expect(buttonNamed(container, 'Approve')?.disabled).toBe(true);
    expect(container.querySelector('[data-testid="approve-reason"]')?.textContent).toBe(
      'Approve unavailable: you proposed this action; another person must approve it',
    );
  });

  it('asks for a comment before a rejection can be sent, and sends it', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: { code: 'conflict', message: 'Action 3 expired', requestId: 'r' },
          }),
          { status: 409 },
        ),
    );
    vi.stubGlobal('fetch', fetch);
    const { container } = await render(
      <DecisionForm actionId={3} approve={allowed} reject={allowed} />,
    );
    expect(buttonNamed(container, 'Reject')?.disabled).toBe(true);
    await type(container, /Comment/, 'Evidence is stale');
    await click(container, 'Reject');
    expect(fetch).toHaveBeenCalledWith(
      '/api/v1/actions/3/reject',
      expect.objectContaining({ body: JSON.stringify({ comment: 'Evidence is stale' }) }),
    );
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'The rejection was refused. Action 3 expired',
    );
  });

  it("shows the target's data quality and the policy's verdict on it in words beside the buttons", async () => {
    const quality = {
      state: 'degraded' as const,
      freshnessLagSeconds: 40,
      completeness: 0.97,
      watermark: null,
      reasons: [
        {
          code: 'pending' as const,
          severity: 'degraded' as const,
          message: '1,200 events from 11:40–12:00 UTC are still being rolled up; figures are low',
        },
      ],
    };
    const check = {
      code: 'data_quality',
      passed: false,
      message:
        "the target's data is degraded: 1,200 events from 11:40–12:00 UTC are still being rolled up; figures are low",
    };
    const { container } = await render(
      <DecisionForm
        actionId={3}
        approve={allowed}
        reject={allowed}
        targetQuality={quality}
        qualityCheck={check}
      />,
    );
    const block = container.querySelector('[aria-label="Quality of the target\'s data"]');
    expect(block?.getAttribute('data-quality')).toBe('degraded');
    expect(block?.textContent).toContain('Data degraded');
    expect(block?.textContent).toContain('are still being rolled up; figures are low');
    expect(container.querySelector('[data-testid="data-quality-check"]')?.textContent).toContain(
      "Policy blocks this on its data: the target's data is degraded",
    );
  });
});
