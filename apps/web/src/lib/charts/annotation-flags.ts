import type { SeriesFlagsOptions } from 'highcharts';
import { isRange, type Annotation } from '@watchfloor/shared/annotations';
import { externalUrl, openExternal } from '../external-link.ts';
import { navigateInApp } from '../navigate-in-app.ts';
import { paths } from '../paths.ts';
import type { Bounds } from '../time-window.ts';
import { ANNOTATION_LOOK } from './annotation-look.ts';

/** The legend name of the flags: what they can stand for on this chart. */
export const ANNOTATION_SERIES_NAME = 'Changes, alerts and actions';

/** Where a flag leads: an action's timeline inside the app, or a change's or alert's own page. */
type FlagLink = { href: string } | { url: string };

function flagLink(a: Annotation): FlagLink | undefined {
  if (a.actionId) return { href: paths.action(a.actionId) };
  const url = externalUrl(a.url);
  return url ? { url } : undefined;
}

function flagText(a: Annotation): string {
  const text = `${ANNOTATION_LOOK[a.kind].title}: ${a.title}`;
  if (a.actionId) return `${text} — click for its timeline`;
  return externalUrl(a.url) ? `${text} — click to open it in a new tab` : text;
}

/**
 * Changes, alerts and actions that happened at an instant, as Highstock flags pinned to a series; a
 * word on each flag, not only a colour. Ranges (alert episodes, changes with an end) are bands, not
 * flags (annotationBands). Highstock hides a pinned flag later than the series' last point (an
 * action just taken, or a drain that silenced the entity), so when any flag is past `seriesEnd`
 * they all stand on the time axis. The entity, segment and fleet charts all draw them with this one
 * function, so a flag looks the same at every level of the drill-down.
 */
export function annotationFlags(
  annotations: readonly Annotation[],
  window: Bounds,
  onSeries: string,
  seriesEnd?: number | null,
  name: string = ANNOTATION_SERIES_NAME,
): SeriesFlagsOptions | null {
  const inWindow = annotations
    .filter((a) => !isRange(a) && a.ts >= window.from && a.ts <= window.to)
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
        ? ANNOTATION_LOOK[inWindow[0]!.kind].color
        : '#475569',
    onSeries: pinned ? onSeries : undefined,
    shape: 'squarepin',
    showInNavigator: false,
    includeInDataExport: true,
    // Standing above the line; not clipped, so a flag on a line at the top of its pane still shows.
    y: -26,
    clip: false,
    data: inWindow.map((a) => ({
      x: a.ts,
      title: ANNOTATION_LOOK[a.kind].title,
      text: flagText(a),
      color: ANNOTATION_LOOK[a.kind].color,
      fillColor: '#ffffff',
      className: `wf-flag-${a.kind}`,
      custom: flagLink(a),
    })),
    cursor: inWindow.some((a) => flagLink(a)) ? 'pointer' : undefined,
    point: {
      events: {
        // An action's flag opens that action's timeline inside the app; a change's or an alert's
        // opens its source in a new tab.
        click() {
          const link = this.options.custom as FlagLink | undefined;
          if (link && 'href' in link) navigateInApp(link.href);
          else if (link) openExternal(link.url);
        },
      },
    },
    style: { fontSize: '11px' },
  };
}
