import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '../../../testing/render.tsx';
import { ApprovalsFilterBar } from './approvals-filter-bar.tsx';

afterEach(() => {
  document.body.innerHTML = '';
});

async function submitTarget(container: HTMLElement, value: string) {
  const input = container.querySelector<HTMLInputElement>('input[type="search"]')!;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => container.querySelector('form')!.requestSubmit());
}

describe('ApprovalsFilterBar', () => {
  it('filters by target id, keeping the other filters', async () => {
    const onChange = vi.fn();
    const { container } = await render(
      <ApprovalsFilterBar
        filters={{ state: 'proposed', type: 'drain_entity' }}
        onChange={onChange}
      />,
    );
    await submitTarget(container, ' checkout-eu-3 ');
    expect(onChange).toHaveBeenCalledWith({
      state: 'proposed',
      type: 'drain_entity',
      target: 'checkout-eu-3',
    });
  });

  it('says what is wrong with a target that is not an id, and does not filter by it', async () => {
    const onChange = vi.fn();
    const { container } = await render(
      <ApprovalsFilterBar filters={{ state: 'proposed' }} onChange={onChange} />,
    );
    await submitTarget(container, 'Checkout EU!');
    expect(onChange).not.toHaveBeenCalled();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      '"Checkout EU!" is not an entity or segment id',
    );
  });

  it('applies a chosen type at once, and "any" state as no state filter', async () => {
    const onChange = vi.fn();
    const { container } = await render(
      <ApprovalsFilterBar filters={{ state: 'proposed' }} onChange={onChange} />,
    );
    const [state, type] = [...container.querySelectorAll('select')];
    await act(async () => {
      type!.value = 'restart_entity';
      type!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onChange).toHaveBeenLastCalledWith({ state: 'proposed', type: 'restart_entity' });
    await act(async () => {
      state!.value = '';
      state!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onChange).toHaveBeenLastCalledWith({ state: undefined });
  });
});
