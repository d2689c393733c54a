import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { AuditVerificationSchema } from '@watchfloor/shared/actions/audit';
import { getJson } from '../../../lib/api-client.ts';

const VerificationResponseSchema = envelopeSchema(AuditVerificationSchema);
export type VerificationResponse = z.infer<typeof VerificationResponseSchema>;

/** `GET /api/v1/audit/verify`: re-hashes the chain and checks it against the signed checkpoint. */
export function verifyAudit(signal?: AbortSignal): Promise<VerificationResponse> {
  return getJson('/api/v1/audit/verify', VerificationResponseSchema, { signal });
}

export function getAuditVerificationQueryOptions() {
  return queryOptions({
    queryKey: ['audit', 'verify'] as const,
    queryFn: ({ signal }) => verifyAudit(signal),
    staleTime: 0,
  });
}

export function useAuditVerification() {
  return useQuery(getAuditVerificationQueryOptions());
}
