import type { SeriesFlagsOptions } from 'highcharts';
import type { Annotation } from '@watchfloor/shared/drilldown';
import { navigateInApp } from '../navigate-in-app.ts';
import { paths } from '../paths.ts';
import type { Bounds } from '../time-window.ts';

const FLAG_LOOK: Record<Annotation['kind'], { title: string; color: string }> = {
  deploy: { title: 'Deploy', color: '#1d4ed8' },
  config: { title: 'Config', color: '#7c3aed' },
  flag: { title: 'Flag', color: '#a16207' },
  infra: { title: 'Infra', color: '#0e7490' },
  other: { title: 'Change', color: '#475569' },
  alert: { title: 'Alert', color: '#b91c1c' },
  action: { title: 'Action', color: '#047857' },
};

/** The legend name of the flags: what they can stand for on this chart. */
export const ANNOTATION_SERIES_NAME = 'Deploys, alerts and actions';

/**
 * Deploys, alerts and actions as Highstock flags pinned to a series; a word on each flag, not only a
 * colour. Highstock hides a pinned flag later than the series' last point (an action just taken, or a
 * drain that silenced the entity), so when any flag is past `seriesEnd` they all stand on the time axis.
 * The entity, segment and fleet charts all draw them with this one function, so a flag looks the same
 * at every level of the drill-down.
 */
export function annotationFlags(
  annotations: readonly Annotation[],
  window: Bounds,
  onSeries: string,
  seriesEnd?: number | null,
  name: string = ANNOTATION_SERIES_NAME,
): SeriesFlagsOptions | null {
  const inWindow = annotations
    .filter((a) => a.ts >= window.from && a.ts <= window.to)
    .sort((a, b) => a.ts - b.ts);
  if (inWindow.length === 0) return null;
  const pinned =
    seriesEnd === undefined || (seriesEnd !== null && inWindow.every((a) => a.ts <= seriesEnd));
  return {
    type: 'flags',
    id: 'annotations',
    name,
    // The legend's swatch: the kind's colour when all flags are of one kind, else a neutral grey.
    color:
      new Set(inWindow.map((a) => a.kind)).size === 1
        ? FLAG_LOOK[inWindow[0]!.kind].color
        : '#475569',
    onSeries: pinned ? onSeries : undefined,
    shape: 'squarepin',
    showInNavigator: false,
    includeInDataExport: true,
    y: -34,
    data: inWindow.map((a) => ({
      x: a.ts,
      title: FLAG_LOOK[a.kind].title,
      text: `${FLAG_LOOK[a.kind].title}: ${a.title}${a.actionId ? ' — click for its timeline' : ''}`,
      color: FLAG_LOOK[a.kind].color,
      fillColor: '#ffffff',
      custom: a.actionId ? { href: paths.action(a.actionId) } : undefined,
    })),
    // An action's flag opens that action's timeline, inside the app.
    cursor: inWindow.some((a) => a.actionId) ? 'pointer' : undefined,
    point: {
      events: {
        click() {
          const href = (this.options.custom as { href?: string } | undefined)?.href;
          if (href) navigateInApp(href);
        },
      },
    },
    style: { fontSize: '11px' },
  };
}
