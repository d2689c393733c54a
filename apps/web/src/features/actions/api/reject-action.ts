import { postActionTransition, useActionTransition } from './action-transition.ts';

/** `POST /api/v1/actions/:actionId/reject`: a rejection always says why. */
export const rejectAction = (actionId: number, comment: string) =>
  postActionTransition(actionId, 'reject', comment);

export const useRejectAction = (actionId: number) => useActionTransition(actionId, 'reject');
