import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { postJson } from '../../../lib/api-client.ts';

const DecisionResponseSchema = envelopeSchema(z.unknown());

/** `POST /api/v1/actions/:actionId/reject`: a rejection always says why. */
export function rejectAction(actionId: number, comment: string): Promise<unknown> {
  return postJson(`/api/v1/actions/${actionId}/reject`, { comment: comment.trim() }, DecisionResponseSchema);
}

export function useRejectAction(actionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (comment: string) => rejectAction(actionId, comment),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['actions'] }),
  });
}
