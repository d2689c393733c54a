import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { LoadMoreButton } from '../../../components/load-more-button.tsx';
import { Panel } from '../../../components/panel.tsx';
import { QualityBanner } from '../../../components/quality-banner.tsx';
import { markPainted } from '../../../lib/perf-marks.ts';
import { staleSinceOf } from '../../../lib/staleness.ts';
import { useStaleness } from '../../../lib/use-staleness.ts';
import { describeWindow, isLive } from '../../../lib/time-window.ts';
import type { DrillView, EventFilters as Filters } from '../../../lib/url-state.ts';
import { useEvents } from '../api/get-events.ts';
import { useNewerEvents, type ShownTop } from '../api/get-newer-events.ts';
import { EventDetail } from './event-detail.tsx';
import { EventFilters } from './event-filters.tsx';
import { errorClassesOf } from './event-rows.ts';
import { EventsTable } from './events-table.tsx';
import { LiveHoldMarker, LiveHoldToggle, type HoldReason } from './live-hold.tsx';

interface Props {
  entityId: string;
  view: DrillView;
  selectedEventId: string | null;
  onSelectEvent: (eventId: string | null) => void;
  onFiltersChange: (filters: Filters) => void;
}

/**
 * The raw events of one entity in the window: the evidence behind every chart above it.
 *
 * A live window's list takes new events on every refresh, which moves the rows under a reader.
 * So it holds still while the reader pauses it, and while an event is open (the reader is reading
 * that one); held, it counts on the server what it does not show and shows it on request.
 */
export function EventsPage({
  entityId,
  view,
  selectedEventId,
  onSelectEvent,
  onFiltersChange,
}: Props) {
  const [paused, setPaused] = useState(false);
  const live = isLive(view.window);
  const hold: HoldReason = !live ? null : paused ? 'paused' : selectedEventId ? 'reading' : null;
  const query = useEvents(entityId, view.window, view.filters, { held: hold !== null });
  const pages = query.data?.pages;
  const events = useMemo(() => pages?.flatMap((page) => page.body.data.events) ?? [], [pages]);
  const firstPage = pages?.[0]?.body;
  const top = useMemo<ShownTop | null>(() => {
    const from = pages?.[0]?.param.from;
    if (from === undefined) return null;
    const ts = events[0]?.ts ?? from;
    return { ts, idsAtTs: events.filter((e) => e.ts === ts).map((e) => e.id) };
  }, [pages, events]);
  const newer = useNewerEvents(entityId, view.filters, top, hold !== null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const showNewer = () => {
    void query.refetch();
    // The marker goes away with the click; the reader continues from the list's control.
    toggleRef.current?.focus();
  };
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
      {query.isError && !firstPage && (
        <ErrorMessage error={query.error} what="The raw events" onRetry={() => query.refetch()} />
      )}
      {query.isPending && (
        <p aria-busy="true" className="loading">
          Loading events…
        </p>
      )}
      {firstPage && (
        <div className="events-layout">
          <Panel
            title={`Events · ${describeWindow(view.window)}`}
            actions={
              live && (
                <LiveHoldToggle
                  ref={toggleRef}
                  hold={hold}
                  onPause={() => setPaused(true)}
                  onResume={() => {
                    setPaused(false);
                    void query.refetch();
                  }}
                />
              )
            }
          >
            <LiveHoldMarker
              hold={hold}
              shownAt={query.dataUpdatedAt}
              newer={newer.data}
              onShow={showNewer}
            />
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
            {query.isFetchNextPageError && (
              <ErrorMessage
                error={query.error}
                what="More events"
                onRetry={() => query.fetchNextPage()}
              />
            )}
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
