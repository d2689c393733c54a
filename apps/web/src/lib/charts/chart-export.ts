import Highcharts from 'highcharts/highstock';
// Loaded on the first export, not with the first chart: about 21 KB gzip no first paint needs.
import 'highcharts/modules/exporting';
import 'highcharts/modules/offline-exporting';
import 'highcharts/modules/export-data';
import type { Chart, ExportingOptions } from 'highcharts';

export type ExportKind = 'png' | 'svg' | 'csv';

/**
 * Highcharts' typings declare the constructor with the chart alone and leave out export-data's
 * methods; at run time it also takes the options the chart would have been created with.
 */
type ExporterClass = new (
  chart: Chart,
  options: ExportingOptions,
) => Highcharts.Exporting & { downloadCSV(): void };
const Exporter = Highcharts.Exporting as unknown as ExporterClass;

const IMAGE_TYPES = { png: 'image/png', svg: 'image/svg+xml' } as const;

/**
 * Exports a chart drawn before the exporting modules were loaded. Highcharts gives a chart its
 * exporter only at creation, so one is made here from the module's defaults and the chart's own
 * export options (title, period and file name of the window on screen now). Everything is drawn
 * in the browser; nothing goes to an export server.
 */
export async function exportChart(
  chart: Chart,
  options: ExportingOptions | undefined,
  kind: ExportKind,
): Promise<void> {
  const exporting = new Exporter(
    chart,
    Highcharts.merge(Highcharts.getOptions().exporting ?? {}, options ?? {}, {
      local: true,
      fallbackToExportServer: false,
    }),
  );
  if (kind === 'csv') exporting.downloadCSV();
  else await exporting.exportChart({ type: IMAGE_TYPES[kind] });
}
