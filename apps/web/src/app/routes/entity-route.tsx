import { useParams } from 'react-router';
import { can } from '@watchfloor/shared/permissions';
import { ScopeAcknowledgements } from '../../features/acknowledgements/components/scope-acknowledgements.tsx';
import { useMe } from '../../features/auth/api/get-me.ts';
import { useEntity } from '../../features/entities/api/get-entity.ts';
import { EntityPage } from '../../features/entities/components/entity-page.tsx';
import { paths } from '../../lib/paths.ts';
import { useDrillView } from '../use-drill-view.ts';
import { ProposeActionSlot } from './propose-action-slot.tsx';
import { WhySlot } from './why-slot.tsx';

/** `/segments/:segmentId/entities/:entityId`: one entity, with the way down to its raw events. */
export function EntityRoute() {
  const { segmentId = '', entityId = '' } = useParams();
  const { view, zoom } = useDrillView();
  const me = useMe();
  // The link is hidden from roles the BFF would refuse raw events; the BFF still decides.
  const mayReadEvents = !me.data || can(me.data.roles, 'events.read');
  // Shares the entity page's query: the kind decides which actions apply.
  const entity = useEntity(entityId, view.window).data?.data.entity;
  const entityKind = entity?.kind ?? null;
  return (
    <>
      <ProposeActionSlot
        key={`propose-${entityId}`}
        target={{ kind: 'entity', id: entityId }}
        entityKind={entityKind}
        window={view.window}
        targetShown={entity !== undefined}
      />
      <EntityPage
        key={entityId}
        entityId={entityId}
        view={view}
        onZoom={zoom}
        eventsHref={mayReadEvents ? paths.events(segmentId, entityId, view) : null}
        acknowledgements={
          <ScopeAcknowledgements
            scope={{ kind: 'entity', slug: entityId }}
            mayAcknowledge={me.data ? can(me.data.roles, 'incidents.acknowledge') : undefined}
          />
        }
        why={
          <WhySlot
            key={`why-${entityId}`}
            scope={{ kind: 'entity', id: entityId }}
            view={view}
            pageEntityKind={entityKind}
          />
        }
      />
    </>
  );
}
