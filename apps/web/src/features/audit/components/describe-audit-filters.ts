import { formatDateTime } from '../../../lib/format.ts';
import type { AuditFilters } from '../api/get-audit.ts';

/** The filters in words, so a narrowed trail never reads as the whole one. */
export function describeAuditFilters(filters: AuditFilters): string {
  const parts: string[] = [];
  if (filters.actor) parts.push(`by ${filters.actor}`);
  if (filters.event) parts.push(`event ${filters.event}`);
  if (filters.actionId) parts.push(`action #${filters.actionId}`);
  if (filters.from !== undefined && filters.to !== undefined)
    parts.push(`from ${formatDateTime(filters.from)} to ${formatDateTime(filters.to)}`);
  else if (filters.from !== undefined) parts.push(`since ${formatDateTime(filters.from)}`);
  else if (filters.to !== undefined) parts.push(`until ${formatDateTime(filters.to)}`);
  return parts.length === 0 ? 'all records, any time' : `only ${parts.join(', ')}`;
}
