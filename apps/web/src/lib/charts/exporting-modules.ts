// Attach to the Highstock instance the chart canvas already loaded; order matters.
import 'highcharts/modules/exporting';
import 'highcharts/modules/offline-exporting';
import 'highcharts/modules/export-data';
