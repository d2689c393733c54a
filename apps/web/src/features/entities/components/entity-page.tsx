import type { ReactNode } from 'react';
import { rolesHolding } from '@watchfloor/shared/permissions';
import { AfterFirstPaint } from '../../../components/after-first-paint.tsx';
import { AnnotationLists } from '../../../components/annotation-lists.tsx';
import { DrillLevelPage } from '../../../components/drill-level-page.tsx';
import { DrillLink } from '../../../components/drill-link.tsx';
import { Panel } from '../../../components/panel.tsx';
import { SilentMarker } from '../../../components/health-status.tsx';
import { formatAlternatives } from '../../../lib/format.ts';
import { describeWindow, type Bounds } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { useEntity } from '../api/get-entity.ts';
import { EntitySummary } from './entity-summary.tsx';
import { GaugeChartPanel } from './gauge-chart-panel.tsx';
import { RedChartPanel } from './red-chart-panel.tsx';

const EVENT_READERS = formatAlternatives(rolesHolding('events.read'));

interface Props {
  entityId: string;
  view: DrillView;
  onZoom: (zoom: Bounds | null) => void;
  /** Null when the signed-in roles may not read raw events (the BFF would refuse). */
  eventsHref: string | null;
  /** The "Why?" panel, composed by the route (it belongs to another feature). */
  why?: ReactNode;
  /** Who is on the entity's current incident, and the way to say so (another feature's). */
  acknowledgements?: ReactNode;
}

/** One entity: its figures, RED charts on one time axis, its gauge, and the way down to raw events. */
export function EntityPage({ entityId, view, onZoom, eventsHref, why, acknowledgements }: Props) {
  const query = useEntity(entityId, view.window);
  const entity = query.data?.data.entity;
  return (
    <DrillLevelPage
      heading={
        <>
          {entityId}{' '}
          {entity && (
            <span className="page__slug">
              {entity.kind} in {entity.segmentName}
            </span>
          )}
          {entity?.silent && <SilentMarker lastSeenAt={entity.lastSeenAt} />}
        </>
      }
      query={query}
      what={`Entity ${entityId}`}
      loading="Loading the entity…"
    >
      {(body) => (
        <>
          <EntitySummary entity={body.data.entity} />
          {acknowledgements}
          <Panel
            title="Rate, errors and duration"
            actions={
              eventsHref ? (
                <DrillLink to={eventsHref} level="events" className="button button--primary">
                  Raw events for this window
                </DrillLink>
              ) : (
                <span className="muted">{`Raw events need the ${EVENT_READERS} role`}</span>
              )
            }
          >
            <p className="panel__hint">
              Drag across a chart or move the navigator to narrow the window (
              {describeWindow(view.window)}).
            </p>
            <RedChartPanel
              body={body}
              view={view}
              onZoom={onZoom}
              current={!query.isPlaceholderData}
            />
          </Panel>
          {why}
          <AnnotationLists annotations={body.data.annotations} window={body.data.window} />
          {body.data.entity.hasGauge && (
            <Panel title="Gauge">
              <AfterFirstPaint placeholderHeight={260}>
                <GaugeChartPanel body={body} view={view} onZoom={onZoom} />
              </AfterFirstPaint>
            </Panel>
          )}
        </>
      )}
    </DrillLevelPage>
  );
}
