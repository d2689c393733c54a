import type { RawEvent } from '@watchfloor/shared/events';
import { DataTable, type DataTableColumn } from '../../../components/data-table.tsx';
import { MISSING, formatMs } from '../../../lib/format.ts';
import { formatEventTime, traceOf } from './event-rows.ts';

interface Props {
  events: readonly RawEvent[];
  selectedId: string | null;
  onSelect: (eventId: string) => void;
}

const COLUMNS: readonly DataTableColumn[] = [
  { label: 'Time (UTC)' },
  { label: 'Status' },
  { label: 'Kind', priority: 'detail' },
  { label: 'Error class', priority: 'detail' },
  { label: 'Latency', numeric: true, priority: 'detail' },
  { label: 'Value', numeric: true, priority: 'detail' },
  { label: 'Message', priority: 'detail' },
  { label: 'Trace', priority: 'detail' },
];

/** The short trace id (full id on hover) and, when the server knows a trace viewer, a link to it. */
export function TraceCell({ event }: { event: RawEvent }) {
  const trace = traceOf(event);
  if (!trace) return <>{MISSING}</>;
  return (
    <>
      <span className="trace-id" title={trace.full}>
        {trace.short}
      </span>{' '}
      {trace.url && (
        <a
          href={trace.url}
          target="_blank"
          rel="noopener noreferrer"
          className="external-link"
          title={`Trace ${trace.full} in the trace viewer`}
          onClick={(e) => e.stopPropagation()}
        >
          Trace<span aria-hidden="true"> ↗</span>
        </a>
      )}
    </>
  );
}

/** Raw events, newest first. Each row's time is a button that opens the event's details. */
export function EventsTable({ events, selectedId, onSelect }: Props) {
  return (
    <DataTable className="events-table" caption="Raw events, newest first" columns={COLUMNS}>
      {events.map((event) => {
        const selected = event.id === selectedId;
        return (
          <tr
            key={event.id}
            data-event={event.id}
            data-status={event.status}
            aria-selected={selected}
            className={selected ? 'events-table__row--selected' : undefined}
            onClick={() => onSelect(event.id)}
          >
            <th scope="row">
              <button
                type="button"
                className="link-button events-table__time"
                aria-pressed={selected}
                onClick={(e) => {
                  e.stopPropagation();
                  onSelect(event.id);
                }}
              >
                {formatEventTime(event.ts)}
              </button>
            </th>
            <td>
              {event.status === 'error' ? (
                <span className="event-status event-status--error">
                  <span aria-hidden="true">✖ </span>Error
                </span>
              ) : (
                <span className="event-status event-status--ok">
                  <span aria-hidden="true">✔ </span>OK
                </span>
              )}
            </td>
            <td>{event.kind}</td>
            <td className="events-table__class">{event.errorClass ?? MISSING}</td>
            <td className="num">{formatMs(event.latencyMs)}</td>
            <td className="num">{event.value ?? MISSING}</td>
            <td className="events-table__message">{event.message ?? MISSING}</td>
            <td className="events-table__trace">
              <TraceCell event={event} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
