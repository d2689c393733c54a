import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeRangePicker } from './time-range-picker.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
});

function Address() {
  const { search } = useLocation();
  return <output data-testid="address">{search}</output>;
}

async function mount(entry: string) {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () =>
    root?.render(
      <MemoryRouter initialEntries={[entry]}>
        <TimeRangePicker />
        <Address />
      </MemoryRouter>,
    ),
  );
  return container;
}

const alertText = (container: HTMLElement) =>
  container.querySelector('[role="alert"]')?.textContent ?? null;

describe('TimeRangePicker and the address window', () => {
  it('says when the address asks for a window it cannot show, and which one it shows', async () => {
    const container = await mount('/?from=now-500d&to=now');
    expect(alertText(container)).toContain(
      'it asks for 500 days; a window can span at most 400 days. Showing the last 6 h instead.',
    );
    expect(container.querySelector('.range-picker__current')?.textContent).toBe('Last 6 h');
  });

  it('shows no alert for a window it can show, relative expressions included', async () => {
    const container = await mount('/?from=now-1h&to=now-30m');
    expect(alertText(container)).toBeNull();
    expect(container.querySelector('.range-picker__current')?.textContent).toBe(
      '1 h ago – 30 m ago',
    );
  });

  it('"Zoom out ×2" doubles a live window and keeps it live', async () => {
    const container = await mount('/?range=6h&status=error');
    const button = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Zoom out ×2',
    );
    await act(async () => button?.click());
    expect(container.querySelector('[data-testid="address"]')?.textContent).toBe(
      '?from=now-12h&to=now&status=error',
    );
  });
});
