import type { Options } from 'highcharts';

/**
 * Every chart sits in a panel under that panel's `<h2>`, so the heading Highcharts writes before
 * the chart for screen readers is an `<h3>` with the chart's name. Left to itself, Highcharts looks
 * for the nearest earlier heading among the container's siblings and ancestors only, finds none
 * (the panel's title is inside its header, a sibling's child) and writes `<h6>Chart</h6>`: a
 * heading named "Chart" that skips three levels.
 */
const AFTER_HEADING =
  '<div>{typeDescription}</div><div>{chartSubtitle}</div><div>{chartLongdesc}</div>' +
  '<div>{playAsSoundButton}</div><div>{viewTableButton}</div><div>{xAxisDescription}</div>' +
  '<div>{yAxisDescription}</div><div>{annotationsTitle}{annotationsList}</div>';

/** The label as literal text inside a Highcharts format string: HTML and format braces escaped. */
function literal(label: string): string {
  return label
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\{/g, '&#123;')
    .replace(/\}/g, '&#125;');
}

export function withScreenReaderHeading(options: Options, label: string): Options {
  return {
    ...options,
    accessibility: {
      ...options.accessibility,
      screenReaderSection: {
        ...options.accessibility?.screenReaderSection,
        beforeChartFormat: `<h3>${literal(label)}</h3>${AFTER_HEADING}`,
      },
    },
  };
}
