import { postActionTransition, useActionTransition } from './action-transition.ts';

/** `POST /api/v1/actions/:actionId/cancel`: the proposer withdraws a proposed action. */
export const cancelAction = (actionId: number, comment: string) =>
  postActionTransition(actionId, 'cancel', comment);

export const useCancelAction = (actionId: number) => useActionTransition(actionId, 'cancel');
