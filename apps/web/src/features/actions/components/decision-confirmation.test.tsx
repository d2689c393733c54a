import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionFixture, allowed } from '../testing/action-fixtures.ts';
import { click, render, type } from '../../../testing/render.tsx';
import { DecisionConfirmationBanner } from './decision-confirmation-banner.tsx';
import { confirmationOf, decisionConfirmations } from './decision-confirmation.ts';
import { DecisionForm } from './decision-form.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  decisionConfirmations.dismiss();
  document.body.innerHTML = '';
});

const answer = (over: Parameters<typeof actionFixture>[0]) => ({
  data: actionFixture(over),
  quality: { state: 'ok', freshnessLagSeconds: 0, completeness: 1, watermark: null, reasons: [] },
  meta: { resolution: null, generatedAt: 0, requestId: 'r' },
});

describe('confirmationOf', () => {
  it('says what each decision did to the action', () => {
    const drain = '#7 (Drain entity on checkout-eu-3)';
    expect(confirmationOf('approve', actionFixture({ state: 'executing' })).text).toBe(
      `Approved ${drain} — executing`,
    );
    expect(confirmationOf('approve', actionFixture({ state: 'executed' })).text).toBe(
      `Approved ${drain} — executed`,
    );
    expect(
      confirmationOf(
        'approve',
        actionFixture({ state: 'proposed', approvers: ['approver'], approvalsRequired: 2 }),
      ).text,
    ).toBe(`Approval recorded on ${drain} — 1 of 2, waiting for another approver`);
    const failed = confirmationOf(
      'approve',
      actionFixture({ state: 'failed', failureReason: 'executor timed out' }),
    );
    expect(failed).toMatchObject({
      text: `Approved ${drain} — execution failed: executor timed out`,
      failed: true,
    });
    expect(confirmationOf('reject', actionFixture({ state: 'rejected' })).text).toBe(
      `Rejected ${drain}`,
    );
    expect(confirmationOf('cancel', actionFixture({ state: 'cancelled' })).text).toBe(
      `Cancelled ${drain}`,
    );
    expect(confirmationOf('rollback', actionFixture({ state: 'rolled_back' })).text).toBe(
      `Rolled back ${drain}`,
    );
  });
});

describe('DecisionConfirmationBanner', () => {
  it('keeps the confirmation of an approval on screen, with a link to its timeline, after the form is gone', async () => {
    vi.stubGlobal('fetch', async () => Response.json(answer({ state: 'executed' })));
    const { container } = await render(
      <MemoryRouter>
        <DecisionForm actionId={7} approve={allowed} reject={allowed} />
        <DecisionConfirmationBanner />
      </MemoryRouter>,
    );
    const region = container.querySelector('[data-testid="decision-confirmation"]');
    expect(region?.getAttribute('role')).toBe('status');
    expect(region?.textContent).toBe('');
    await type(container, /Comment/, 'Evidence holds');
    await click(container, 'Approve');
    expect(region?.textContent).toContain(
      'Approved #7 (Drain entity on checkout-eu-3) — executed.',
    );
    expect(region?.querySelector('a')?.getAttribute('href')).toBe('/actions/7');
    await click(container, 'Dismiss');
    expect(region?.textContent).toBe('');
  });

  it('confirms nothing when the decision is refused', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({ error: { code: 'conflict', message: 'expired', requestId: 'r' } }),
          { status: 409 },
        ),
    );
    const { container } = await render(
      <MemoryRouter>
        <DecisionForm actionId={7} approve={allowed} reject={allowed} />
        <DecisionConfirmationBanner />
      </MemoryRouter>,
    );
    await click(container, 'Approve');
    expect(container.querySelector('[data-testid="decision-confirmation"]')?.textContent).toBe('');
  });
});
