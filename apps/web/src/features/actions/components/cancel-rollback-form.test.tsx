import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  abilitiesFixture,
  actionFixture,
  refused,
  transitionBody,
} from '../testing/action-fixtures.ts';
import { click, render, type } from '../../../testing/render.tsx';
import { CancelRollbackForm } from './cancel-rollback-form.tsx';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const buttonNamed = (container: HTMLElement, text: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === text);

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('CancelRollbackForm', () => {
  it('offers the proposer "Cancel action" on a proposed action, and no rollback', async () => {
    const { container } = await render(
      <CancelRollbackForm action={actionFixture()} abilities={abilitiesFixture()} />,
    );
    expect(buttonNamed(container, 'Cancel action')?.disabled).toBe(false);
    expect(buttonNamed(container, 'Roll back')).toBeUndefined();
  });

  it('disables cancel for someone else and says why', async () => {
    const { container } = await render(
      <CancelRollbackForm
        action={actionFixture()}
        abilities={abilitiesFixture({
          cancel: refused('only the proposer (operator) may cancel it'),
        })}
      />,
    );
    const button = buttonNamed(container, 'Cancel action');
    expect(button?.disabled).toBe(true);
    const reason = container.querySelector(
      `#${CSS.escape(button?.getAttribute('aria-describedby') ?? '')}`,
    );
    expect(reason?.textContent).toBe(
      'Cancel action unavailable: only the proposer (operator) may cancel it',
    );
    expect(container.querySelector('textarea')).toBeNull();
  });

  it("disables rollback of an irreversible executed action with the catalogue's reason", async () => {
    const { container } = await render(
      <CancelRollbackForm
        action={actionFixture({ state: 'executed', type: 'flush_queue' })}
        abilities={abilitiesFixture({
          rollback: refused('flush_queue has no rollback: flushed messages are gone'),
        })}
      />,
    );
    expect(buttonNamed(container, 'Roll back')?.disabled).toBe(true);
    expect(container.querySelector('[data-testid="rollback-reason"]')?.textContent).toContain(
      'flush_queue has no rollback',
    );
    expect(buttonNamed(container, 'Cancel action')).toBeUndefined();
  });

  it('shows nothing for an action that can be neither cancelled nor rolled back', async () => {
    const { container } = await render(
      <CancelRollbackForm
        action={actionFixture({ state: 'approved' })}
        abilities={abilitiesFixture()}
      />,
    );
    expect(container.innerHTML).toBe('');
  });

  it('rolls back with the comment and says the action is now rolled back', async () => {
    const fetch = vi.fn(async () =>
      json(200, transitionBody(actionFixture({ state: 'rolled_back' }))),
    );
    vi.stubGlobal('fetch', fetch);
    const { container } = await render(
      <CancelRollbackForm
        action={actionFixture({ state: 'executed' })}
        abilities={abilitiesFixture()}
      />,
    );
    await type(container, /Comment/, '  incident over  ');
    await click(container, 'Roll back');
    expect(fetch).toHaveBeenCalledWith(
      '/api/v1/actions/7/rollback',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ comment: 'incident over' }),
      }),
    );
    expect(container.querySelector('[role="status"]')?.textContent).toBe(
      'Action #7 is now rolled back.',
    );
  });

  it("shows the BFF's refusal when it refuses a cancel the page still offered", async () => {
    vi.stubGlobal('fetch', async () =>
      json(409, {
        error: {
          code: 'conflict',
          message: 'Action 7 is approved; only a proposed action can be cancelled',
          requestId: 'req-9',
        },
      }),
    );
    const { container } = await render(
      <CancelRollbackForm action={actionFixture()} abilities={abilitiesFixture()} />,
    );
    await click(container, 'Cancel action');
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The cancellation was refused.');
    expect(alert?.textContent).toContain('only a proposed action can be cancelled');
    expect(alert?.textContent).toContain('req-9');
  });
});
