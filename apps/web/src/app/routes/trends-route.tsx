import { useSearchParams } from 'react-router';
import type { Incident } from '@watchfloor/shared/trends/api';
import { TrendsPage } from '../../features/trends/components/trends-page.tsx';
import { readTrendsSelection, trendsSearch } from '../../features/trends/api/trends-selection.ts';
import { paths } from '../../lib/paths.ts';
import { absolute } from '../../lib/time-window.ts';

/** A minute either side, so the drill-down shows the incident's onset and recovery, not only its inside. */
const MARGIN_MS = 60_000;

/** `/trends?period=7d|30d|90d` or `?period=custom&from=&to=`: the managers' stability view. */
export function TrendsRoute() {
  const [params, setParams] = useSearchParams();
  const selection = readTrendsSelection(params);
  const incidentLink = (incident: Incident) =>
    paths.segment(incident.segment, {
      window: absolute(incident.start - MARGIN_MS, incident.end + MARGIN_MS),
      filters: {},
    });
  return (
    <TrendsPage
      selection={selection}
      onSelect={(next) => setParams(trendsSearch(next))}
      incidentLink={incidentLink}
    />
  );
}
