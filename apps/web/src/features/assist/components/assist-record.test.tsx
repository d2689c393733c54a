import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerFixture, answerResponse } from '../testing/answer-fixtures.ts';
import { render as renderInto } from '../../../testing/render.tsx';

// Findings link into the drill-down: every render here sits inside a router.
const render = (ui: Parameters<typeof renderInto>[0]) => renderInto(ui, { router: true });
import { AssistRecord } from './assist-record.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('AssistRecord', () => {
  it('shows the approver the stored answer as the proposer saw it, without "Propose…"', async () => {
    const answer = answerFixture();
    const fetch = vi.fn(async () => new Response(JSON.stringify(answerResponse(answer))));
    vi.stubGlobal('fetch', fetch);
    const { container } = await render(<AssistRecord assistId={answer.id} />);
    await act(() =>
      vi.waitFor(() => expect(container.querySelector('[aria-label="Findings"]')).not.toBeNull()),
    );
    expect(fetch.mock.calls[0]?.[0 as never]).toBe(`/api/v1/assist/${answer.id}`);
    const record = container.querySelector('[aria-label="What the proposer was shown"]');
    expect(record?.textContent).toContain(`Suggestions from rules ${answer.rulesVersion}`);
    expect(record?.textContent).toContain('checkout-eu-api-03 carries 82% of the excess errors');
    expect(record?.querySelector(`[data-assist-id="${answer.id}"]`)).not.toBeNull();
    expect(container.querySelectorAll('button')).toHaveLength(0);
  });
});
