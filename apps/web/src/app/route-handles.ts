import type { Params } from 'react-router';
import type { Crumb } from '../components/breadcrumbs.tsx';
import { paths } from '../lib/paths.ts';
import type { DrillView } from '../lib/url-state.ts';

/** Each drill-down route says how to reach it and every level above it, keeping the view. */
export interface RouteHandle {
  crumbs: (params: Params, view: DrillView) => Crumb[];
}

export function isRouteHandle(value: unknown): value is RouteHandle {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RouteHandle).crumbs === 'function'
  );
}

const overviewCrumbs = (view: DrillView): Crumb[] => [
  { label: 'Fleet overview', to: paths.overview(view), level: 'overview' },
];

const segmentCrumbs = (params: Params, view: DrillView): Crumb[] => {
  const segmentId = params.segmentId ?? '';
  return [
    ...overviewCrumbs(view),
    { kind: 'Segment', label: segmentId, to: paths.segment(segmentId, view), level: 'segment' },
  ];
};

const entityCrumbs = (params: Params, view: DrillView): Crumb[] => {
  const entityId = params.entityId ?? '';
  return [
    ...segmentCrumbs(params, view),
    {
      kind: 'Entity',
      label: entityId,
      to: paths.entity(params.segmentId ?? '', entityId, view),
      level: 'entity',
    },
  ];
};

export const HANDLES = {
  overview: { crumbs: (_params, view) => overviewCrumbs(view) },
  segment: { crumbs: segmentCrumbs },
  entity: { crumbs: entityCrumbs },
  events: {
    crumbs: (params, view) => [
      ...entityCrumbs(params, view),
      {
        label: 'Raw events',
        to: paths.events(params.segmentId ?? '', params.entityId ?? '', view),
        level: 'events',
      },
    ],
  },
  trends: { crumbs: () => [{ label: 'Stability trends', to: paths.trends() }] },
} satisfies Record<string, RouteHandle>;
