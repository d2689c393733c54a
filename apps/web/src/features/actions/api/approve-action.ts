import { postActionTransition, useActionTransition } from './action-transition.ts';

/** `POST /api/v1/actions/:actionId/approve` (approver or admin; never the proposer). */
export const approveAction = (actionId: number, comment: string) =>
  postActionTransition(actionId, 'approve', comment);

export const useApproveAction = (actionId: number) => useActionTransition(actionId, 'approve');
