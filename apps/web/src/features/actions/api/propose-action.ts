import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import {
  DryRunResultSchema,
  ProposedActionSchema,
  type ProposeActionRequest,
} from '@watchfloor/shared/actions/api';
import { postJson } from '../../../lib/api-client.ts';

const DryRunResponseSchema = envelopeSchema(DryRunResultSchema);
const ProposedResponseSchema = envelopeSchema(ProposedActionSchema);
export type DryRunResponse = z.infer<typeof DryRunResponseSchema>;
export type ProposedResponse = z.infer<typeof ProposedResponseSchema>;
export type ProposalBody = Omit<ProposeActionRequest, 'dryRun'>;

export function dryRunAction(body: ProposalBody, signal?: AbortSignal): Promise<DryRunResponse> {
  return postJson('/api/v1/actions', { ...body, dryRun: true }, DryRunResponseSchema, { signal });
}

export function proposeAction(
  body: ProposalBody,
  idempotencyKey: string,
): Promise<ProposedResponse> {
  // A retried click replays the first answer instead of proposing twice.
  return postJson('/api/v1/actions', body, ProposedResponseSchema, {
    headers: { 'idempotency-key': idempotencyKey },
  });
}

/** A dry run creates nothing, so it is a query: re-asked whenever the draft changes. */
export function getDryRunQueryOptions(body: ProposalBody | null) {
  return queryOptions({
    queryKey: ['actions', 'dry-run', body] as const,
    queryFn: ({ signal }) =>
      body ? dryRunAction(body, signal) : Promise.reject(new Error('no draft')),
    enabled: body !== null,
    retry: false,
    staleTime: 5_000,
  });
}

export function useDryRun(body: ProposalBody | null) {
  return useQuery(getDryRunQueryOptions(body));
}

export function useProposeAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ProposalBody; idempotencyKey: string }) =>
      proposeAction(body, idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['actions'] }),
  });
}
