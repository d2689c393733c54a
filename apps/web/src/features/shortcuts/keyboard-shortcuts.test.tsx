import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { BrowserRouter, useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyboardShortcuts } from './keyboard-shortcuts.tsx';

// Lets React flush effects and state updates inside act() in this DOM-less test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
});

function Where() {
  const { pathname, search } = useLocation();
  return <output data-testid="where">{`${pathname}${search}`}</output>;
}

async function mount(entry = '/') {
  // The shortcuts read the address bar, so the test uses the real one.
  window.history.replaceState(null, '', entry);
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () =>
    root?.render(
      <QueryClientProvider client={new QueryClient()}>
        <BrowserRouter>
          <button type="button">Elsewhere</button>
          <input aria-label="Typing here" />
          <KeyboardShortcuts />
          <Where />
        </BrowserRouter>
      </QueryClientProvider>,
    ),
  );
  return container;
}

/** A key press as the browser delivers it: to the focused element, bubbling to the document. */
async function press(key: string) {
  const target = document.activeElement ?? document.body;
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

const dialog = () => document.querySelector('[role="dialog"]');

describe('KeyboardShortcuts', () => {
  it('opens the list on "?" with focus inside, and Esc closes it and returns focus', async () => {
    const container = await mount();
    const elsewhere = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Elsewhere',
    );
    elsewhere?.focus();
    await press('?');
    expect(dialog()?.getAttribute('aria-modal')).toBe('true');
    expect(dialog()?.textContent).toContain('Move the window back by its length');
    expect(dialog()?.contains(document.activeElement)).toBe(true);
    await press('Escape');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(elsewhere);
  });

  it('the "?" button opens the same list', async () => {
    const container = await mount();
    const button = container.querySelector<HTMLButtonElement>('[aria-label="Keyboard shortcuts"]');
    await act(async () => button?.click());
    expect(dialog()).not.toBeNull();
  });

  it('leaves keys alone while typing', async () => {
    const container = await mount('/?from=2026-12-06T08:00:00Z&to=2026-12-06T10:00:00Z');
    container.querySelector<HTMLInputElement>('input')?.focus();
    await press('?');
    await press('[');
    expect(dialog()).toBeNull();
    expect(container.querySelector('[data-testid="where"]')?.textContent).toBe(
      '/?from=2026-12-06T08:00:00Z&to=2026-12-06T10:00:00Z',
    );
  });

  it('"[" and "z" move the window in the URL, keeping the rest of the query', async () => {
    const container = await mount(
      '/segments/eu?from=2026-12-01T08:00:00Z&to=2026-12-01T10:00:00Z&status=error',
    );
    const where = () => container.querySelector('[data-testid="where"]')?.textContent;
    await press('[');
    expect(where()).toBe(
      '/segments/eu?from=2026-12-01T06%3A00%3A00Z&to=2026-12-01T08%3A00%3A00Z&status=error',
    );
    await press('z');
    expect(where()).toBe(
      '/segments/eu?from=2026-12-01T05%3A00%3A00Z&to=2026-12-01T09%3A00%3A00Z&status=error',
    );
  });
});
