import { useMemo, useSyncExternalStore } from 'react';
import { readChartPalette, type ChartPalette } from './chart-theme.ts';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Which palette styles.css is showing: the user's `<html data-theme>`, else the system's. */
function resolvedScheme(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}

// Either source can change the palette: the header's theme setting or the operating system.
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = window.matchMedia?.(DARK_QUERY);
  media?.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', onChange);
  };
}

/**
 * The chart colours for the palette on screen, and the scheme's name so a chart can be drawn
 * afresh when it changes (the canvas keys the chart on it).
 */
export function useChartPalette(): { scheme: 'light' | 'dark'; palette: ChartPalette } {
  const scheme = useSyncExternalStore(subscribe, resolvedScheme);
  const palette = useMemo(() => paletteOf(scheme), [scheme]);
  return { scheme, palette };
}

// Reading computed styles while a new page is being drawn forces a style recalculation, for every
// chart mounted: each scheme's colours are read once, the first time a chart needs them.
const palettes = new Map<'light' | 'dark', ChartPalette>();
function paletteOf(scheme: 'light' | 'dark'): ChartPalette {
  let palette = palettes.get(scheme);
  if (!palette) {
    palette = readChartPalette();
    palettes.set(scheme, palette);
  }
  return palette;
}
