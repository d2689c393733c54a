import type { RawEvent } from '@watchfloor/shared/events';
import { MISSING, formatMs } from '../../../lib/format.ts';
import { formatEventTime } from './event-rows.ts';

interface Props {
  events: readonly RawEvent[];
  selectedId: string | null;
  onSelect: (eventId: string) => void;
}

/** Raw events, newest first. Each row's time is a button that opens the event's details. */
export function EventsTable({ events, selectedId, onSelect }: Props) {
  return (
    <table className="data-table events-table">
      <caption>Raw events, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Time (UTC)</th>
          <th scope="col">Status</th>
          <th scope="col">Kind</th>
          <th scope="col">Error class</th>
          <th scope="col" className="num">
            Latency
          </th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
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
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
