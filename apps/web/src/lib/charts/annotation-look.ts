import type { Annotation } from '@watchfloor/shared/annotations';

/** How one kind of mark looks on a chart and in a list: a word, a colour, a translucent band fill. */
export interface AnnotationLook {
  title: string;
  color: string;
  /** The band's fill as "r, g, b" and its opacity where one band lies alone. */
  band: { rgb: string; alpha: number };
}

/**
 * One word per kind, so a mark never relies on colour alone. Alerts are red, actions green and
 * changes each their own hue; band fills are the same hues, faint enough to read the lines through.
 */
export const ANNOTATION_LOOK: Record<Annotation['kind'], AnnotationLook> = {
  deploy: { title: 'Deploy', color: '#1d4ed8', band: { rgb: '29, 78, 216', alpha: 0.1 } },
  config: { title: 'Config', color: '#7c3aed', band: { rgb: '124, 58, 237', alpha: 0.1 } },
  flag: { title: 'Flag', color: '#a16207', band: { rgb: '161, 98, 7', alpha: 0.12 } },
  infra: { title: 'Infra', color: '#0e7490', band: { rgb: '14, 116, 144', alpha: 0.1 } },
  other: { title: 'Change', color: '#475569', band: { rgb: '71, 85, 105', alpha: 0.1 } },
  alert: { title: 'Alert', color: '#b91c1c', band: { rgb: '220, 38, 38', alpha: 0.13 } },
  action: { title: 'Action', color: '#047857', band: { rgb: '4, 120, 87', alpha: 0.1 } },
};

/** Where a range ends on a chart of `window`: its end, or the window's end while it is open. */
export function rangeEnd(a: Pick<Annotation, 'endTs' | 'open'>, windowTo: number): number | null {
  if (a.open === true) return windowTo;
  return a.endTs ?? null;
}
