import { formatInstant } from '../../../lib/time-window.ts';
import { QueryInstantSchema } from '@watchfloor/shared/time-window';
import type { AuditFilters } from '../api/get-audit.ts';

const TEXT_MAX = 64;

const text = (value: string | null) => {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= TEXT_MAX ? trimmed : undefined;
};
const instant = (value: string | null) =>
  value === null ? undefined : QueryInstantSchema.safeParse(value).data;

/**
 * `/audit?actor=&event=&actionId=&since=&until=`. The time bounds are the trail's own, each optional
 * ("everything since the incident began"), so they do not share the charts' `from`/`to` window.
 * Unreadable values are dropped, never guessed.
 */
export function readAuditFilters(params: URLSearchParams): AuditFilters {
  const rawAction = params.get('actionId');
  const actionId =
    rawAction && /^\d{1,15}$/.test(rawAction) && Number(rawAction) > 0
      ? Number(rawAction)
      : undefined;
  const from = instant(params.get('since'));
  const to = instant(params.get('until'));
  const filters: AuditFilters = {
    actor: text(params.get('actor')),
    event: text(params.get('event')),
    actionId,
    from,
    to,
  };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}

/** The query string of a set of filters, in a stable order, so equal filters give equal URLs. */
export function auditSearch(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.actor) search.set('actor', filters.actor);
  if (filters.event) search.set('event', filters.event);
  if (filters.actionId) search.set('actionId', String(filters.actionId));
  if (filters.from !== undefined) search.set('since', formatInstant(filters.from));
  if (filters.to !== undefined) search.set('until', formatInstant(filters.to));
  return search;
}
