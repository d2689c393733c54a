import { drillSearch, type DrillView } from './url-state.ts';

/**
 * Links between pages are built here only. Every drill-down link takes the whole view (window,
 * navigator context, filters), so none can drop it by accident.
 */
const segment = (segmentId: string) => `/segments/${encodeURIComponent(segmentId)}`;
const entity = (segmentId: string, entityId: string) =>
  `${segment(segmentId)}/entities/${encodeURIComponent(entityId)}`;

export const paths = {
  overview: (view: DrillView) => `/${drillSearch(view)}`,
  segment: (segmentId: string, view: DrillView, options: { compare?: boolean } = {}) =>
    `${segment(segmentId)}${drillSearch(view, { compare: options.compare ? 'previous' : undefined })}`,
  entity: (segmentId: string, entityId: string, view: DrillView) =>
    `${entity(segmentId, entityId)}${drillSearch(view)}`,
  events: (
    segmentId: string,
    entityId: string,
    view: DrillView,
    options: { eventId?: string } = {},
  ) => `${entity(segmentId, entityId)}/events${drillSearch(view, { event: options.eventId })}`,
  approvals: (filters: { state?: string; type?: string } = {}) => {
    const search = new URLSearchParams(
      Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])),
    ).toString();
    return search ? `/approvals?${search}` : '/approvals';
  },
  action: (actionId: number) => `/actions/${actionId}`,
  audit: (filters: { actionId?: number } = {}) =>
    filters.actionId ? `/audit?actionId=${filters.actionId}` : '/audit',
  /** The trends page keeps its own period (`?period=`), not the drill-down window. */
  trends: () => '/trends',
  login: (next?: string) =>
    next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login',
} as const;

/** The drill-down levels, as performance marks and breadcrumbs name them. */
export type DrillLevel = 'overview' | 'segment' | 'entity' | 'events';

/**
 * Where to go after signing in. Only a path on this site is accepted: an absolute or
 * protocol-relative URL in `next` would turn the sign-in page into an open redirect.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
