import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { createStalenessStore, type StalenessStore } from './staleness-store.ts';
import type { Staleness } from './staleness.ts';

const stores = new WeakMap<QueryClient, StalenessStore>();

function browserStore(client: QueryClient): StalenessStore {
  let store = stores.get(client);
  if (!store) {
    store = createStalenessStore(client, {
      now: () => Date.now(),
      isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
      events: typeof window === 'undefined' ? new EventTarget() : window,
      setInterval: (run, ms) => globalThis.setInterval(run, ms),
      clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
    });
    stores.set(client, store);
  }
  return store;
}

/**
 * Whether the screen is current: the header, the quality banners and the charts all read this one
 * verdict, so no part of a page can call itself live while another says it is stale.
 */
export function useStaleness(): Staleness {
  const store = browserStore(useQueryClient());
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
