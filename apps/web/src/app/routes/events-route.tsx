import { useParams } from 'react-router';
import { EventsPage } from '../../features/events/components/events-page.tsx';
import { useDrillView } from '../use-drill-view.ts';

/** `…/events`: raw events of one entity; filters and the selected event live in the URL. */
export function EventsRoute() {
  const { entityId = '' } = useParams();
  const { view, params, setPageParam, setFilters } = useDrillView();
  return (
    <EventsPage
      key={entityId}
      entityId={entityId}
      view={view}
      selectedEventId={params.get('event')}
      onSelectEvent={(eventId) => setPageParam('event', eventId ?? undefined)}
      onFiltersChange={setFilters}
    />
  );
}
