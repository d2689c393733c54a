import type { ExportingOptions } from 'highcharts';
import type { Bounds } from '../time-window.ts';

/** "2026-12-06 01:00" in UTC: the instant as the rest of the screen writes it. */
function utcMinute(ts: number): { day: string; time: string } {
  const iso = new Date(ts).toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * The window an exported image shows, in UTC: "2026-12-06 01:00 – 07:00 UTC", naming the second
 * day only when the window crosses midnight. A picture pasted into a report must say its period.
 */
export function exportWindowLabel(window: Bounds): string {
  const from = utcMinute(window.from);
  const to = utcMinute(window.to);
  const end = from.day === to.day ? to.time : `${to.day} ${to.time}`;
  return `${from.day} ${from.time} – ${end} UTC`;
}

/** The export's file name: scope and window, so two downloads of one chart never collide. */
export function exportFileName(base: string, window: Bounds): string {
  const stamp = (ts: number) => {
    const { day, time } = utcMinute(ts);
    return `${day}T${time.replace(':', '')}Z`;
  };
  return `${base}_${stamp(window.from)}_${stamp(window.to)}`;
}

/** What an export carries that the screen leaves to the page around the chart: title and period. */
export function exportLabels(
  title: string,
  base: string,
  window: Bounds,
): Pick<ExportingOptions, 'filename' | 'chartOptions'> {
  return {
    filename: exportFileName(base, window),
    chartOptions: {
      title: { text: title, align: 'left' },
      subtitle: {
        text: exportWindowLabel(window),
        align: 'left',
        verticalAlign: 'top',
        x: 0,
        y: undefined,
      },
    },
  };
}
