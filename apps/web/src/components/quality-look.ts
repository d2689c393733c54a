import type { QualityState } from '@watchfloor/shared/quality';

/** Icon, words and colour of each quality state, shared by the banner and the row badges. */
export const QUALITY_LOOK: Record<
  QualityState,
  { icon: string; title: string; color: string; background: string }
> = {
  ok: { icon: '✔', title: 'Data OK', color: '#11602d', background: '#eef9f1' },
  degraded: { icon: '▲', title: 'Data degraded', color: '#7a4b00', background: '#fff6de' },
  unsafe: { icon: '✖', title: 'Data unsafe', color: '#8a1111', background: '#fdecec' },
};
