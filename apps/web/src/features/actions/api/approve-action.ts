import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { postJson } from '../../../lib/api-client.ts';

/** The decision endpoints answer with the updated action; the screen re-reads the detail anyway. */
const DecisionResponseSchema = envelopeSchema(z.unknown());

/** `POST /api/v1/actions/:actionId/approve` (approver or admin; never the proposer). */
export function approveAction(actionId: number, comment: string): Promise<unknown> {
  return postJson(`/api/v1/actions/${actionId}/approve`, comment.trim() ? { comment: comment.trim() } : {}, DecisionResponseSchema);
}

export function useApproveAction(actionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (comment: string) => approveAction(actionId, comment),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['actions'] }),
  });
}
