import { useEffect, useRef } from 'react';
import type { RawEvent } from '@watchfloor/shared/events';
import { ExternalLink } from '../../../components/external-link.tsx';
import { eventFields, traceOf } from './event-rows.ts';

/** Every field and attribute of one event; focus moves here when it opens, so keyboard users land on it. */
export function EventDetail({ event, onClose }: { event: RawEvent | null; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [event?.id]);
  const trace = event && traceOf(event);
  if (!event)
    return (
      <p className="muted event-detail__empty">Select an event to see all of its attributes.</p>
    );
  return (
    <section className="event-detail" aria-labelledby="event-detail-title">
      <header className="event-detail__head">
        <h3 id="event-detail-title" tabIndex={-1} ref={heading}>
          Event details
        </h3>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Close
        </button>
      </header>
      <dl className="event-detail__fields">
        {eventFields(event).map((field) => (
          <div key={field.name}>
            <dt>{field.name}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
      {trace?.url && (
        <p>
          <ExternalLink href={trace.url} label={`Trace ${trace.full} in the trace viewer`}>
            Open the trace
          </ExternalLink>
        </p>
      )}
    </section>
  );
}
