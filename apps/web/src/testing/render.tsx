import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router';

// Lets React flush effects and state updates inside act() in this DOM-less test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * Renders into happy-dom with a fresh query client, so queries and mutations run as they do in the
 * app; `router` wraps it in a memory router for components that link into the drill-down.
 */
export async function render(
  ui: ReactNode,
  options: { router?: boolean } = {},
): Promise<{ container: HTMLElement; unmount: () => void }> {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const tree = <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>;
  await act(async () => root.render(options.router ? <MemoryRouter>{tree}</MemoryRouter> : tree));
  return { container, unmount: () => act(() => root.unmount()) };
}

/** Renders a page inside a router and waits for its first requests. */
export async function renderPage(ui: ReactNode): Promise<HTMLElement> {
  const { container } = await render(ui, { router: true });
  await settle();
  return container;
}

/** Lets pending requests resolve and React re-render. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1)
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

/** Clicks a button by its text and lets the resulting request and re-render settle. */
export async function click(container: HTMLElement, text: string): Promise<void> {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === text);
  if (!button) throw new Error(`no button "${text}"`);
  await act(async () => button.click());
  await settle();
}

/** Types into the labelled textarea the way React sees a user's input. */
export async function type(container: HTMLElement, label: RegExp, value: string): Promise<void> {
  const field = [...container.querySelectorAll('label')].find((l) =>
    label.test(l.textContent ?? ''),
  );
  const input =
    field && container.querySelector<HTMLTextAreaElement>(`#${CSS.escape(field.htmlFor)}`);
  if (!input) throw new Error(`no field labelled ${label}`);
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
