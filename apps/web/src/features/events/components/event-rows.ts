import type { RawEvent } from '@watchfloor/shared/events';
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
