import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { AuditPageSchema, type AuditQuery } from '@watchfloor/shared/actions/audit';
import { getJson } from '../../../lib/api-client.ts';

const AuditPageResponseSchema = envelopeSchema(AuditPageSchema);
export type AuditPageResponse = z.infer<typeof AuditPageResponseSchema>;

/** What the trail can be narrowed by: who, which event, which action, and when (epoch ms, either bound optional). */
export type AuditFilters = Pick<AuditQuery, 'actor' | 'event' | 'actionId' | 'from' | 'to'>;

export const AUDIT_PAGE_SIZE = 50;

/** `GET /api/v1/audit`: newest first, one keyset page after `cursor`. */
export function getAuditPage(
  filters: AuditFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<AuditPageResponse> {
  return getJson('/api/v1/audit', AuditPageResponseSchema, {
    signal,
    query: { ...filters, cursor, limit: AUDIT_PAGE_SIZE },
  });
}

export function getAuditQueryOptions(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: ['audit', 'trail', filters] as const,
    queryFn: ({ pageParam, signal }) => getAuditPage(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.data.nextCursor,
  });
}

export function useAuditTrail(filters: AuditFilters) {
  return useInfiniteQuery(getAuditQueryOptions(filters));
}
