import type { DrillLevel } from './paths.ts';

/**
 * Deeper drill-down levels are separate code chunks. The router registers how to load each one;
 * links ask for a level's chunk on hover or focus, and the layout asks for all of them once the
 * first page is idle, so a click never waits for code.
 */
const loaders = new Map<DrillLevel, () => Promise<unknown>>();

export function registerRouteChunk(level: DrillLevel, load: () => Promise<unknown>): void {
  loaders.set(level, load);
}

export function prefetchRouteChunk(level: DrillLevel): void {
  // The module system caches the import: calling again costs nothing.
  void loaders
    .get(level)?.()
    .catch(() => undefined);
}

export function prefetchAllRouteChunks(): void {
  for (const level of loaders.keys()) prefetchRouteChunk(level);
}
