import type { SeriesLineOptions, XAxisPlotBandsOptions } from 'highcharts';
import { isRange, type Annotation } from '@watchfloor/shared/annotations';
import { openExternal } from '../external-link.ts';
import type { Bounds } from '../time-window.ts';
import { ANNOTATION_LOOK, rangeEnd } from './annotation-look.ts';

/** Class of an alert episode's band; the e2e journeys find alert bands by it. */
export const ALERT_BAND_CLASS = 'wf-band-alert';
/** Class of a change's band (a change with an end). */
export const CHANGE_BAND_CLASS = 'wf-band-change';
/** Added while the range is still open (an alert still firing). */
export const OPEN_BAND_CLASS = 'wf-band-open';
/** Added when a click on the band opens its source. */
export const LINKED_BAND_CLASS = 'wf-band-link';

const LABEL_MAX = 40;
/** Overlapping bands put their labels on different lines, so the words stay readable. */
const LABEL_ROWS = 3;

function bandClass(a: Annotation): string {
  const classes = [
    a.kind === 'alert'
      ? ALERT_BAND_CLASS
      : a.kind === 'action'
        ? 'wf-band-action'
        : CHANGE_BAND_CLASS,
  ];
  if (a.open === true) classes.push(OPEN_BAND_CLASS);
  if (a.url) classes.push(LINKED_BAND_CLASS);
  return classes.join(' ');
}

/** What the band says: its kind in a word, whether it still runs, and the mark's own title. */
export function bandLabel(a: Annotation): string {
  const kind = ANNOTATION_LOOK[a.kind].title;
  const head = a.open === true ? `${kind} firing` : kind;
  return clip(`${head}: ${a.title}`);
}

/** One label for several overlapping ranges of a kind: how many, and the first one's title. */
function clusterLabel(members: readonly Annotation[]): string {
  const first = members[0]!;
  if (members.length === 1) return bandLabel(first);
  const kind = first.kind === 'alert' ? 'Alerts' : ANNOTATION_LOOK[first.kind].title;
  const firing = members.some((a) => a.open === true) ? ' firing' : '';
  return clip(`${kind}${firing} (${members.length}): ${first.title}`);
}

const clip = (text: string) =>
  text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1)}…` : text;

type WindowRange = { annotation: Annotation; from: number; to: number };

/** The ranges of `annotations` that overlap `window`, oldest first, each clipped to the window. */
export function rangesInWindow(annotations: readonly Annotation[], window: Bounds): WindowRange[] {
  return annotations
    .filter(isRange)
    .map((annotation) => ({ annotation, end: rangeEnd(annotation, window.to) ?? annotation.ts }))
    .filter(({ annotation, end }) => annotation.ts <= window.to && end >= window.from)
    .sort((a, b) => a.annotation.ts - b.annotation.ts)
    .map(({ annotation, end }) => ({
      annotation,
      from: Math.max(annotation.ts, window.from),
      to: Math.min(end, window.to),
    }));
}

/** Ranges of one kind that overlap one another (an alert firing on every entity of a segment). */
function clusters(ranges: readonly WindowRange[]): WindowRange[][] {
  const open = new Map<Annotation['kind'], { to: number; members: WindowRange[] }>();
  const all: WindowRange[][] = [];
  for (const range of ranges) {
    const current = open.get(range.annotation.kind);
    if (current && range.from <= current.to) {
      current.members.push(range);
      current.to = Math.max(current.to, range.to);
      continue;
    }
    const next = { to: range.to, members: [range] };
    open.set(range.annotation.kind, next);
    all.push(next.members);
  }
  return all;
}

/**
 * Alert episodes and changes with an end as translucent x-axis bands across every pane, each with
 * a label in words; an open one (still firing) runs to the window's end. A band with a `url` (a
 * change's page, an alert's generatorURL) opens it in a new tab when clicked. Instants are not
 * bands: they stay flags (annotationFlags). Overlapping ranges of one kind share one label ("Alerts
 * firing (8): …") and split the fill between them, so eight alerts at once are no darker than one.
 */
export function annotationBands(
  annotations: readonly Annotation[],
  window: Bounds,
): XAxisPlotBandsOptions[] {
  return clusters(rangesInWindow(annotations, window)).flatMap((members, row) =>
    members.map(({ annotation, from, to }, i) => {
      const look = ANNOTATION_LOOK[annotation.kind];
      const alpha = 1 - (1 - look.band.alpha) ** (1 / members.length);
      const url = annotation.url ?? null;
      return {
        from,
        to,
        color: `rgba(${look.band.rgb}, ${alpha.toFixed(3)})`,
        className: bandClass(annotation),
        label:
          i === 0
            ? {
                text: clusterLabel(members.map((m) => m.annotation)),
                align: 'left',
                x: 3,
                y: 12 + (row % LABEL_ROWS) * 13,
                style: {
                  color: look.color,
                  fontSize: '11px',
                  fontWeight: '600',
                  width: 360,
                },
              }
            : undefined,
        events: url ? { click: () => openExternal(url) } : undefined,
      };
    }),
  );
}

/**
 * Plot bands have no legend entry of their own: one empty series per kind drawn as a band stands
 * for them in the legend, in the band's colour and with the word the band carries.
 */
export function bandLegendSeries(
  annotations: readonly Annotation[],
  window: Bounds,
): SeriesLineOptions[] {
  const kinds = new Set(rangesInWindow(annotations, window).map((r) => r.annotation.kind));
  return [...kinds].map((kind) => ({
    type: 'line',
    id: `bands-${kind}`,
    name:
      kind === 'alert'
        ? 'Alert episodes (bands)'
        : `${ANNOTATION_LOOK[kind].title} periods (bands)`,
    color: ANNOTATION_LOOK[kind].color,
    lineWidth: 8,
    opacity: 0.35,
    data: [],
    showInNavigator: false,
    includeInDataExport: false,
    enableMouseTracking: false,
    events: { legendItemClick: (e) => e.preventDefault() },
  }));
}
