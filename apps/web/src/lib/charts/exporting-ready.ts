import { useSyncExternalStore } from 'react';
import { whenFirstPagePainted } from '../perf-marks.ts';

/**
 * The export menu (PNG, SVG, CSV) is not needed to see the first chart, so its Highcharts modules
 * (about 21 KB gzip) load after the opened page has painted, or after a short wait on a page that
 * never marks a paint (a list, an error). A chart drawn before they arrive is drawn again with it.
 */
const FALLBACK_MS = 2_000;

let ready = false;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

export function loadExportingModules(): Promise<void> {
  loading ??= import('./exporting-modules.ts').then(() => {
    ready = true;
    for (const listener of listeners) listener();
  });
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!loading) {
    void whenFirstPagePainted().then(loadExportingModules);
    setTimeout(() => void loadExportingModules(), FALLBACK_MS);
  }
  return () => listeners.delete(listener);
}

/** True once the export menu's modules are attached; a chart keyed on it gains the menu. */
export function useExportingReady(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => ready,
    () => false,
  );
}
