import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { focusTimeRange, TimeRangePicker } from './time-range-picker.tsx';

// Lets React flush effects and state updates inside act() in this DOM-less test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
});

async function mount(entry: string) {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () =>
    root?.render(
      <MemoryRouter initialEntries={[entry]}>
        <TimeRangePicker />
      </MemoryRouter>,
    ),
  );
  return container;
}

describe('TimeRangePicker by keyboard', () => {
  it('opening "Custom…" focuses its first input; Esc closes it and returns to the trigger', async () => {
    const container = await mount('/?range=6h');
    const trigger = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Custom…',
    );
    await act(async () => trigger?.click());
    const form = container.querySelector('form.custom-range');
    expect(form).not.toBeNull();
    expect(document.activeElement).toBe(form?.querySelector('input'));
    await act(async () => {
      document.activeElement?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }),
      );
    });
    expect(container.querySelector('form.custom-range')).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(trigger?.getAttribute('aria-expanded')).toBe('false');
  });

  it('a press outside the picker closes "Custom…" and leaves the window as it was', async () => {
    const container = await mount('/?range=6h');
    const trigger = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Custom…',
    );
    await act(async () => trigger?.click());
    const input = container.querySelector<HTMLInputElement>('form.custom-range input');
    // A press inside the popover keeps it open, so its fields can be used with the mouse.
    await act(async () => {
      input?.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    });
    expect(container.querySelector('form.custom-range')).not.toBeNull();
    await act(async () => {
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    });
    expect(container.querySelector('form.custom-range')).toBeNull();
    expect(trigger?.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('.range-picker__current')?.textContent).toBe('Last 6 h');
  });

  it('focusTimeRange (the "t" key) lands on the chosen preset', async () => {
    const container = await mount('/?range=24h');
    expect(focusTimeRange()).toBe(true);
    expect(document.activeElement?.textContent).toBe('24 h');
    expect(container.contains(document.activeElement)).toBe(true);
  });
});
