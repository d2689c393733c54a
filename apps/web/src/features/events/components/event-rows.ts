import type { RawEvent } from '@watchfloor/shared/events';
import { externalUrl } from '../../../lib/external-link.ts';
import { MISSING, formatMs } from '../../../lib/format.ts';

/** Event time to the millisecond in UTC: raw events are where exact order matters. */
export function formatEventTime(ts: number): string {
  const iso = new Date(ts).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Every field of an event in words, in a fixed order, attributes last and sorted by name. */
export function eventFields(event: RawEvent): { name: string; value: string }[] {
  const fields = [
    { name: 'Time (UTC)', value: formatEventTime(event.ts) },
    { name: 'Event id', value: event.id },
    { name: 'Segment', value: event.segment },
    { name: 'Entity', value: event.entity },
    { name: 'Kind', value: event.kind },
    { name: 'Status', value: event.status === 'ok' ? 'OK' : 'Error' },
    { name: 'Error class', value: event.errorClass ?? MISSING },
    { name: 'Latency', value: formatMs(event.latencyMs) },
    { name: 'Value', value: event.value === null ? MISSING : String(event.value) },
    { name: 'Message', value: event.message ?? MISSING },
    { name: 'Trace id', value: event.traceId ?? MISSING },
  ];
  const attrs = Object.entries(event.attrs ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({
      name: `attrs.${name}`,
      value: value === null ? 'null' : String(value),
    }));
  return [...fields, ...attrs];
}

/** Distinct error classes among the loaded events, for the filter's suggestions. */
export function errorClassesOf(events: readonly RawEvent[]): string[] {
  return [
    ...new Set(events.map((e) => e.errorClass).filter((c): c is string => c !== null)),
  ].sort();
}

const TRACE_ID_SHOWN = 8;

/**
 * An event's trace as a row shows it: the id shortened (the full one on hover and in the details)
 * and the link to the team's trace viewer when the server knows one; null without a trace id.
 */
export function traceOf(
  event: Pick<RawEvent, 'traceId' | 'traceUrl'>,
): { short: string; full: string; url: string | null } | null {
  if (!event.traceId) return null;
  const full = event.traceId;
  const short = full.length > TRACE_ID_SHOWN ? `${full.slice(0, TRACE_ID_SHOWN)}…` : full;
  return { short, full, url: externalUrl(event.traceUrl) };
}
