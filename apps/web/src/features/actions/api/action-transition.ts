import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { ActionSchema } from '@watchfloor/shared/actions/api';
import { postJson } from '../../../lib/api-client.ts';
import { confirmationOf, decisionConfirmations } from '../components/decision-confirmation.ts';

const TransitionResponseSchema = envelopeSchema(ActionSchema);
export type TransitionResponse = z.infer<typeof TransitionResponseSchema>;

/** The four ways a person moves an action on; each is `POST /api/v1/actions/:actionId/<verb>`. */
export type TransitionVerb = 'approve' | 'reject' | 'cancel' | 'rollback';

/**
 * Posts one transition. `postJson` sends same-origin JSON, which is what the BFF's CSRF defence
 * accepts, so every transition goes through here rather than its own fetch. A blank comment is
 * left out: where the API requires one, its schema refuses the request with the reason.
 */
export function postActionTransition(
  actionId: number,
  verb: TransitionVerb,
  comment: string,
): Promise<TransitionResponse> {
  const trimmed = comment.trim();
  return postJson(
    `/api/v1/actions/${actionId}/${verb}`,
    trimmed ? { comment: trimmed } : {},
    TransitionResponseSchema,
  );
}

/**
 * A transition as a mutation; afterwards every action query (list, detail, inbox) is read again,
 * won or refused. A won one is confirmed in words that outlast the card it was made on.
 */
export function useActionTransition(actionId: number, verb: TransitionVerb) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (comment: string) => postActionTransition(actionId, verb, comment),
    onSuccess: (answer) => decisionConfirmations.announce(confirmationOf(verb, answer.data)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['actions'] }),
  });
}
