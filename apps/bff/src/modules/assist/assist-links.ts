import type { AssistScope, AssistWindow } from '@watchfloor/shared/assist';
import type { LinkBuilder } from './rules/links.ts';

/**
 * Drill-down links at exactly an evidence item's window, in the SPA's URL shape (apps/web
 * lib/paths.ts): the fleet overview, a segment, an entity, and an entity's raw events with the
 * events page's filters. Segment and fleet have no events page: their link is the scope's page.
 */
export function assistLinks(segmentOfEntity: ReadonlyMap<string, string>): LinkBuilder {
  const pathOf = (scope: AssistScope): string => {
    if (scope.kind === 'fleet' || !scope.id) return '/';
    const segment = (slug: string) => `/segments/${encodeURIComponent(slug)}`;
    if (scope.kind === 'segment') return segment(scope.id);
    const owner = segmentOfEntity.get(scope.id);
    return owner
      ? `${segment(owner)}/entities/${encodeURIComponent(scope.id)}`
      : `/entities/${encodeURIComponent(scope.id)}`;
  };
  const search = (window: AssistWindow, extra: Record<string, string | undefined> = {}) => {
    const params = new URLSearchParams({ from: String(window.from), to: String(window.to) });
    for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
    return `?${params.toString()}`;
  };
  return {
    scope: (scope, window) => `${pathOf(scope)}${search(window)}`,
    events: (scope, window, filter = {}) => {
      const path = scope.kind === 'entity' ? `${pathOf(scope)}/events` : pathOf(scope);
      return `${path}${search(window, filter)}`;
    },
  };
}
