import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  AcknowledgementResponseSchema,
  type AcknowledgeRequest,
  type AcknowledgementResponse,
} from '@watchfloor/shared/acknowledgements';
import { postJson } from '../../../lib/api-client.ts';
import { ACKNOWLEDGEMENTS_KEY } from './get-acknowledgements.ts';

/** `POST /api/v1/acknowledgements`: acknowledge a segment's or entity's current incident. */
export function postAcknowledgement(body: AcknowledgeRequest): Promise<AcknowledgementResponse> {
  return postJson('/api/v1/acknowledgements', body, AcknowledgementResponseSchema);
}

/** Acknowledges, then reads the acknowledgements again (won or refused: another user may have acted). */
export function useAcknowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postAcknowledgement,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ACKNOWLEDGEMENTS_KEY }),
  });
}
