import { useEffect, useMemo } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { LoadMoreButton } from '../../../components/load-more-button.tsx';
import { Panel } from '../../../components/panel.tsx';
import { QualityBanner } from '../../../components/quality-banner.tsx';
import { markPainted } from '../../../lib/perf-marks.ts';
import { staleSinceOf } from '../../../lib/staleness.ts';
import { useStaleness } from '../../../lib/use-staleness.ts';
import { describeWindow } from '../../../lib/time-window.ts';
import type { DrillView, EventFilters as Filters } from '../../../lib/url-state.ts';
import { useEvents } from '../api/get-events.ts';
import { EventDetail } from './event-detail.tsx';
import { EventFilters } from './event-filters.tsx';
import { errorClassesOf } from './event-rows.ts';
import { EventsTable } from './events-table.tsx';

interface Props {
  entityId: string;
  view: DrillView;
  selectedEventId: string | null;
  onSelectEvent: (eventId: string | null) => void;
  onFiltersChange: (filters: Filters) => void;
}

/** The raw events of one entity in the window: the evidence behind every chart above it. */
export function EventsPage({
  entityId,
  view,
  selectedEventId,
  onSelectEvent,
  onFiltersChange,
}: Props) {
  const query = useEvents(entityId, view.window, view.filters);
  const pages = query.data?.pages;
  const events = useMemo(() => pages?.flatMap((page) => page.body.data.events) ?? [], [pages]);
  const firstPage = pages?.[0]?.body;
  const staleness = useStaleness();
  const selected = events.find((e) => e.id === selectedEventId) ?? null;

  useEffect(() => {
    if (firstPage) markPainted('events');
  }, [firstPage]);

  return (
    <div className="page">
      <div className="page__head">
        <h1>
          Raw events <span className="page__slug">{entityId}</span>
        </h1>
      </div>
      {firstPage && (
        <QualityBanner
          quality={firstPage.quality}
          staleSince={staleSinceOf(staleness, query.dataUpdatedAt)}
        />
      )}
      <Panel title="Filters">
        <EventFilters
          filters={view.filters}
          knownErrorClasses={errorClassesOf(events)}
          onChange={onFiltersChange}
        />
      </Panel>
      {query.isError && !firstPage && <ErrorMessage error={query.error} what="The raw events" />}
      {query.isPending && (
        <p aria-busy="true" className="loading">
          Loading events…
        </p>
      )}
      {firstPage && (
        <div className="events-layout">
          <Panel title={`Events · ${describeWindow(view.window)}`}>
            {events.length === 0 ? (
              <p className="muted">No events match these filters in this window.</p>
            ) : (
              <EventsTable events={events} selectedId={selectedEventId} onSelect={onSelectEvent} />
            )}
            <div className="events-more">
              <span className="muted">
                {events.length.toLocaleString('en')} {events.length === 1 ? 'event' : 'events'}{' '}
                loaded
              </span>
              {query.hasNextPage ? (
                <LoadMoreButton pages={query} label="Load more" />
              ) : (
                events.length > 0 && (
                  <span className="muted">· all events in this window are shown</span>
                )
              )}
            </div>
            {query.isFetchNextPageError && <ErrorMessage error={query.error} what="More events" />}
          </Panel>
          <aside className="panel events-layout__detail" aria-label="Event detail">
            {selectedEventId && !selected ? (
              <p className="muted">
                Event {selectedEventId} is not among the loaded events; load more or widen the
                window.
              </p>
            ) : (
              <EventDetail event={selected} onClose={() => onSelectEvent(null)} />
            )}
          </aside>
        </div>
      )}
    </div>
  );
}
