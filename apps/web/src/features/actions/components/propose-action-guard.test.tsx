import { act } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RATIONALE_MIN_LENGTH } from '@watchfloor/shared/actions/api';
import { FIXTURE_WINDOW, segmentResponseFixture } from '../../../lib/testing/drilldown-fixtures.ts';
import { render, settle } from '../../../testing/render.tsx';
import { ProposeActionForm } from './propose-action-form.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

/** Answers the target's figures; records every proposal that is really sent (not a dry run). */
function stubServer() {
  const proposals: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/v1/segments/'))
        return new Response(JSON.stringify(segmentResponseFixture()));
      const body = JSON.parse(String(init?.body)) as { dryRun?: boolean };
      if (!body.dryRun) proposals.push(body);
      return new Promise<Response>(() => {});
    }),
  );
  return proposals;
}

async function typeRationale(container: HTMLElement, value: string) {
  const field = container.querySelector('textarea');
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(field, value);
    field?.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const proposeButton = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.textContent === 'Propose',
  );

describe('the Propose button of the proposal form', () => {
  it('is disabled with a short rationale and says why beside it, counting what was written', async () => {
    const proposals = stubServer();
    const { container } = await render(
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
    await settle();
    await typeRationale(container, 'Scale it now');

    const button = proposeButton(container);
    expect(button?.disabled).toBe(true);
    const reason = container.querySelector('[data-testid="propose-reason"]');
    expect(reason?.textContent).toBe(
      `Propose unavailable: write at least ${RATIONALE_MIN_LENGTH} characters of rationale (12 so far)`,
    );
    // Assistive technology reads the reason with the button.
    expect(button?.getAttribute('aria-describedby')).toBe(reason?.id);

    // Enter in a field does not send it either.
    await act(async () => container.querySelector('form')?.requestSubmit());
    await settle();
    expect(proposals).toEqual([]);

    await typeRationale(container, 'Traffic doubled on checkout-eu: add replicas');
    expect(proposeButton(container)?.disabled).toBe(false);
    expect(container.querySelector('[data-testid="propose-reason"]')).toBeNull();
    expect(proposeButton(container)?.hasAttribute('aria-describedby')).toBe(false);
  });
});
