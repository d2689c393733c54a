import { queryOptions } from '@tanstack/react-query';
import { isSameScope, refreshTiming } from './live-refresh.ts';
import { windowKey, type ViewWindow } from './time-window.ts';

/**
 * Query options of one scope's answer for a window, as every drill-down read needs them: keyed
 * `[...scope, { window, ...keyExtra }]`, polled while the window is live, and keeping the previous
 * answer on screen while a new window loads, but only one of the same scope (isSameScope).
 */
export function windowQueryOptions<
  TData extends { meta: { ageMs?: number } },
  const TScope extends readonly unknown[],
  TExtra extends object = object,
>(args: {
  scope: TScope;
  window: ViewWindow;
  fetch: (signal: AbortSignal) => Promise<TData>;
  /** More of the request than the window that changes the answer (the series' metrics). */
  keyExtra?: TExtra;
}) {
  const { scope, window, fetch, keyExtra } = args;
  const queryKey = [...scope, { ...windowKey(window), ...keyExtra }] as const;
  return queryOptions<TData, Error, TData, typeof queryKey>({
    queryKey,
    queryFn: ({ signal }) => fetch(signal),
    ...refreshTiming(window, (answer: TData) => answer.meta.ageMs),
    placeholderData: (previous, previousQuery) =>
      isSameScope(previousQuery?.queryKey, scope) ? previous : undefined,
  });
}
