import { expect, type JSHandle, type Locator, type Page } from '@playwright/test';

/** The part of a Highcharts chart (in the page) these readers use. */
interface HPoint {
  x: number;
  y?: number | null;
  options: { text?: string };
}
interface HSeries {
  name: string;
  visible: boolean;
  points: HPoint[];
  zones: { value?: number; graph?: { element: SVGElement } }[];
  options: { id?: string; isInternal?: boolean };
}
interface HChart {
  renderTo: HTMLElement;
  container: HTMLElement;
  plotTop: number;
  plotHeight: number;
  series: HSeries[];
  subtitle?: { textStr?: string };
  hoverPoint?: HPoint | null;
  hoverPoints?: HPoint[] | null;
  tooltip?: { isHidden?: boolean };
  xAxis: {
    getExtremes(): { min: number; max: number };
    toPixels(value: number, paneCoordinates?: boolean): number;
    cross?: { element: SVGElement };
  }[];
}

/** Runs in the page: the chart drawn inside `element`, or null while there is none. */
function chartInside(element: Element): HChart | null {
  // Highcharts 12 registers itself as window._Highcharts (and Highcharts where that is free).
  const globals = window as unknown as Record<
    '_Highcharts' | 'Highcharts',
    { charts: (HChart | undefined)[] } | undefined
  >;
  const H = globals._Highcharts ?? globals.Highcharts;
  return H?.charts.find((c) => c !== undefined && element.contains(c.renderTo)) ?? null;
}

/** Reads the chart drawn inside the figure with `read`, which runs in the page. */
async function readIn<R, A>(
  figure: Locator,
  read: (chart: HChart | null, arg: A) => R,
  arg: A,
): Promise<R> {
  const chart = (await figure.evaluateHandle(chartInside)) as JSHandle<HChart | null>;
  // Playwright types the argument as its serialised form, which a generic A cannot be shown to
  // match; the arguments passed here are plain strings, numbers and null.
  const evaluate = chart.evaluate.bind(chart) as (
    run: (chart: HChart | null, arg: A) => R,
    arg: A,
  ) => Promise<R>;
  try {
    return await evaluate(read, arg);
  } finally {
    await chart.dispose();
  }
}

/** What a Highstock chart holds, read from the page's Highcharts instance. */
export interface ChartSummary {
  subtitle: string;
  series: { name: string; points: number; max: number | null }[];
  extremes: { min: number; max: number };
}

/** Reads the chart drawn inside the labelled figure (the page keeps one Highcharts per figure). */
export async function readChart(figure: Locator): Promise<ChartSummary> {
  return readIn(
    figure,
    (chart) => {
      if (!chart) throw new Error('no chart in this figure');
      return {
        subtitle: chart.subtitle?.textStr ?? '',
        series: chart.series.map((s) => {
          const values = s.points.map((p) => p.y).filter((y): y is number => typeof y === 'number');
          return {
            name: s.name,
            points: s.points.length,
            max: values.length ? Math.max(...values) : null,
          };
        }),
        extremes: chart.xAxis[0]!.getExtremes(),
      };
    },
    null,
  );
}

/** One drawn point: bucket start, value (null at a gap) and, on a flag, the text its tooltip shows. */
export interface ChartPoint {
  x: number;
  y: number | null;
  text?: string;
}

/**
 * The points of one named series of the chart in the figure, as drawn (inside the visible window).
 * An empty list when the chart or the series is not drawn yet, so callers can poll on it.
 */
export async function readSeriesPoints(figure: Locator, seriesName: string): Promise<ChartPoint[]> {
  return readIn(
    figure,
    (chart, name) => {
      const series = chart?.series.find((s) => s.name === name);
      return (series?.points ?? []).map((p) => ({
        x: p.x,
        y: typeof p.y === 'number' ? p.y : null,
        ...(p.options.text ? { text: p.options.text } : {}),
      }));
    },
    seriesName,
  );
}

/** The chart's resolution label, once it says what is expected. */
export async function expectResolution(figure: Locator, label: string): Promise<void> {
  await expect(figure.locator('.highcharts-subtitle')).toHaveText(label);
}

/** Drags across the top pane of a chart, from one fraction of its width to another: a zoom. */
export async function dragZoom(
  page: Page,
  figure: Locator,
  fromFraction: number,
  toFraction: number,
): Promise<void> {
  const plot = figure.locator('.highcharts-plot-background').first();
  const box = await plot.boundingBox();
  if (!box) throw new Error('chart plot area is not visible');
  const y = box.y + Math.min(30, box.height / 3);
  await page.mouse.move(box.x + box.width * fromFraction, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((fromFraction + toFraction) / 2), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * toFraction, y, { steps: 4 });
  await page.mouse.up();
}

/** What a reader sees of one series: shown or hidden, where its dotted zone starts, its last bucket. */
export interface SeriesLook {
  id: string | undefined;
  name: string;
  visible: boolean;
  /** The x from which the series is drawn dotted (its first zone's end), or null without zones. */
  dottedFrom: number | null;
  /** The dash pattern of the dotted zone's line as drawn in the SVG, or null. */
  dottedDash: string | null;
  lastX: number | null;
}

/** The series of the chart in the figure as drawn, and the time its hover (crosshair) is on. */
export async function readChartLook(figure: Locator): Promise<{
  series: SeriesLook[];
  hoverX: number | null;
  tooltipShown: boolean;
  crosshairShown: boolean;
}> {
  return readIn(
    figure,
    (chart) => {
      if (!chart) throw new Error('no chart in this figure');
      const cross = chart.xAxis[0]?.cross;
      return {
        series: chart.series.map((s) => ({
          id: s.options.id,
          name: s.name,
          visible: s.visible,
          dottedFrom: s.zones[0]?.value ?? null,
          dottedDash: s.zones[1]?.graph?.element.getAttribute('stroke-dasharray') ?? null,
          // A hidden series has dropped its points.
          lastX: s.points?.at(-1)?.x ?? null,
        })),
        hoverX: chart.hoverPoints?.[0]?.x ?? chart.hoverPoint?.x ?? null,
        // Read from the chart, not the DOM: a stock chart's tooltip may be drawn outside its figure.
        tooltipShown: chart.tooltip?.isHidden === false,
        crosshairShown:
          cross !== undefined && cross.element.getAttribute('visibility') !== 'hidden',
      };
    },
    null,
  );
}

/** Moves the mouse over a chart's plot, at a fraction of its width, near the top of its first pane. */
export async function hoverPlot(page: Page, figure: Locator, fraction: number): Promise<void> {
  const plot = figure.locator('.highcharts-plot-background').first();
  // The mouse moves in the viewport: a chart below the fold is brought into view first.
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  if (!box) throw new Error('chart plot area is not visible');
  const y = box.y + Math.min(40, box.height / 3);
  await page.mouse.move(box.x + box.width * fraction - 8, y);
  await page.mouse.move(box.x + box.width * fraction, y, { steps: 3 });
}

/**
 * Moves the mouse over a chart's plot at time `x` (halfway down, clear of band labels), placed by
 * the chart's own axis: charts side by side have plot areas of different widths.
 */
export async function hoverTime(page: Page, figure: Locator, x: number): Promise<void> {
  await figure.scrollIntoViewIfNeeded();
  const spot = await readIn(
    figure,
    (chart, time) => {
      if (!chart) throw new Error('no chart in this figure');
      const box = chart.container.getBoundingClientRect();
      return {
        x: box.left + chart.xAxis[0]!.toPixels(time),
        y: box.top + chart.plotTop + chart.plotHeight / 2,
      };
    },
    x,
  );
  await page.mouse.move(spot.x - 8, spot.y);
  await page.mouse.move(spot.x, spot.y, { steps: 3 });
}
