import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowed, refused } from '../testing/action-fixtures.ts';
import { click, render, type } from '../testing/render.tsx';
import { DecisionForm } from './decision-form.tsx';

const buttonNamed = (container: HTMLElement, text: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === text);

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('DecisionForm', () => {
  it('disables the proposer\'s own approve button and says why', async () => {
    const { container } = await render(<DecisionForm actionId={3} approve={refused('you proposed this action; another person must approve it')} reject={allowed} />);
    expect(buttonNamed(container, 'Approve')?.disabled).toBe(true);
    expect(container.querySelector('[data-testid="approve-reason"]')?.textContent).toBe('Approve unavailable: you proposed this action; another person must approve it');
  });

  it('asks for a comment before a rejection can be sent, and sends it', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'conflict', message: 'Action 3 expired', requestId: 'r' } }), { status: 409 }));
    vi.stubGlobal('fetch', fetch);
    const { container } = await render(<DecisionForm actionId={3} approve={allowed} reject={allowed} />);
    expect(buttonNamed(container, 'Reject')?.disabled).toBe(true);
    await type(container, /Comment/, 'Evidence is stale');
    await click(container, 'Reject');
    expect(fetch).toHaveBeenCalledWith('/api/v1/actions/3/reject', expect.objectContaining({ body: JSON.stringify({ comment: 'Evidence is stale' }) }));
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('The rejection was refused. Action 3 expired');
  });
});
