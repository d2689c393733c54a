import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router';

// Lets React flush effects and state updates inside act() in this DOM-less test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Renders into happy-dom inside a router (findings link into the drill-down) with a fresh query client. */
export async function render(ui: ReactNode): Promise<{ container: HTMLElement }> {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () =>
    root.render(
      <MemoryRouter>
        <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
      </MemoryRouter>,
    ),
  );
  return { container };
}

/** Clicks a button by its text and lets the resulting request and re-render settle. */
export async function click(container: HTMLElement, text: string): Promise<void> {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === text);
  if (!button) throw new Error(`no button "${text}"`);
  await act(async () => button.click());
  for (let i = 0; i < 3; i++)
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}
