import type { QualityState } from '@watchfloor/shared/quality';

/** The palette has no soft green of its own: the ok ink, faint over the card. */
export const OK_SOFT = 'color-mix(in srgb, var(--ok) 12%, var(--card))';

/**
 * Icon, words and colour of each quality state, shared by the banner and the row badges. Colours
 * are the page palette's (styles.css), so the dark theme gets its own light-on-dark pairs.
 */
export const QUALITY_LOOK: Record<
  QualityState,
  { icon: string; title: string; color: string; background: string }
> = {
  ok: { icon: '✔', title: 'Data OK', color: 'var(--ok)', background: OK_SOFT },
  degraded: {
    icon: '▲',
    title: 'Data degraded',
    color: 'var(--warn)',
    background: 'var(--warn-soft)',
  },
  unsafe: { icon: '✖', title: 'Data unsafe', color: 'var(--bad)', background: 'var(--bad-soft)' },
};
