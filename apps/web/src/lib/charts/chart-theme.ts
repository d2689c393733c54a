import type { Options } from 'highcharts';

/** The page colours a chart needs, read from styles.css so charts follow the light/dark palette. */
export interface ChartPalette {
  ink: string;
  muted: string;
  grid: string;
  axisLine: string;
  surface: string;
  hover: string;
  accentSoft: string;
  accent: string;
  navigatorMask: string;
  /** Empty on the light palette: band labels keep their kind's colour there. */
  bandLabel: string;
}

const VARIABLES: Record<keyof ChartPalette, string> = {
  ink: '--ink',
  muted: '--muted',
  grid: '--line',
  axisLine: '--line-3',
  surface: '--card',
  hover: '--hover',
  accentSoft: '--accent-soft',
  accent: '--accent',
  navigatorMask: '--chart-mask',
  bandLabel: '--chart-band-label',
};

/**
 * Resolved colours, not `var(--x)`: Highcharts computes with colours (hover brightening, the
 * tooltip's border), which a CSS variable reference would break.
 */
export function readChartPalette(
  style: Pick<CSSStyleDeclaration, 'getPropertyValue'> = getComputedStyle(document.documentElement),
): ChartPalette {
  const entries = Object.entries(VARIABLES).map(([key, variable]) => [
    key,
    style.getPropertyValue(variable).trim(),
  ]);
  return Object.fromEntries(entries) as unknown as ChartPalette;
}

interface ThemeableLabel {
  label?: { style?: { color?: string } };
}

interface ThemeableAxis {
  labels?: { style?: object };
  title?: { style?: object };
  plotBands?: ThemeableLabel[];
  plotLines?: ThemeableLabel[];
}

/**
 * A band's or line's label in the palette: one without a colour of its own gets the muted ink; a
 * kind's dark ink is replaced where the palette asks for it (the dark page), the words still name
 * the kind.
 */
function themeLabel<L extends ThemeableLabel>(item: L, palette: ChartPalette): L {
  if (!item.label) return item;
  const own = item.label.style?.color;
  const color = own === undefined ? palette.muted : palette.bandLabel || own;
  return { ...item, label: { ...item.label, style: { ...item.label.style, color } } };
}

function themeAxes<A extends ThemeableAxis>(axes: A | A[] | undefined, palette: ChartPalette) {
  const one = (axis: A): A => ({
    ...axis,
    gridLineColor: palette.grid,
    lineColor: palette.axisLine,
    tickColor: palette.axisLine,
    labels: { ...axis.labels, style: { ...axis.labels?.style, color: palette.muted } },
    title: { ...axis.title, style: { ...axis.title?.style, color: palette.muted } },
    ...(axis.plotBands
      ? { plotBands: axis.plotBands.map((band) => themeLabel(band, palette)) }
      : {}),
    ...(axis.plotLines
      ? { plotLines: axis.plotLines.map((line) => themeLabel(line, palette)) }
      : {}),
  });
  return Array.isArray(axes) ? axes.map(one) : one(axes ?? ({} as A));
}

/**
 * The builder's options with the page's palette laid over the chrome (background, axes, tooltip,
 * legend, navigator, range buttons). Series colours stay the builders' own: they are chosen to
 * read on both palettes, and status is always also said in words.
 */
export function themeChartOptions(options: Options, palette: ChartPalette): Options {
  const buttonText = { color: palette.ink };
  const navigatorAxis = options.navigator?.xAxis;
  return {
    ...options,
    chart: { ...options.chart, backgroundColor: 'transparent' },
    title: { ...options.title, style: { ...options.title?.style, color: palette.ink } },
    subtitle: { ...options.subtitle, style: { ...options.subtitle?.style, color: palette.muted } },
    xAxis: themeCrosshair(themeAxes(options.xAxis, palette), palette),
    yAxis: themeAxes(options.yAxis, palette),
    legend: {
      ...options.legend,
      itemStyle: { ...options.legend?.itemStyle, color: palette.ink },
      itemHoverStyle: { color: palette.accent },
    },
    tooltip: {
      ...options.tooltip,
      backgroundColor: palette.surface,
      style: { ...options.tooltip?.style, color: palette.ink },
    },
    navigator: {
      ...options.navigator,
      maskFill: palette.navigatorMask,
      outlineColor: palette.axisLine,
      handles: { backgroundColor: palette.surface, borderColor: palette.muted },
      xAxis: Array.isArray(navigatorAxis)
        ? navigatorAxis
        : {
            ...navigatorAxis,
            gridLineColor: palette.grid,
            labels: { ...navigatorAxis?.labels, style: { color: palette.muted } },
          },
    },
    rangeSelector: {
      ...options.rangeSelector,
      labelStyle: { color: palette.muted },
      buttonTheme: {
        ...options.rangeSelector?.buttonTheme,
        fill: palette.hover,
        style: buttonText,
        states: {
          hover: { fill: palette.accentSoft, style: buttonText },
          select: { fill: palette.accentSoft, style: { color: palette.accent, fontWeight: '700' } },
          disabled: { style: { color: palette.muted } },
        },
      },
    },
  };
}

/** A crosshair in the palette's muted ink: Highcharts' light grey vanishes on a dark page. */
function themeCrosshair(axes: Options['xAxis'], palette: ChartPalette): Options['xAxis'] {
  const one = <A extends { crosshair?: unknown }>(axis: A): A =>
    axis.crosshair && typeof axis.crosshair === 'object'
      ? { ...axis, crosshair: { ...axis.crosshair, color: palette.muted } }
      : axis;
  return Array.isArray(axes) ? axes.map(one) : axes && one(axes);
}
