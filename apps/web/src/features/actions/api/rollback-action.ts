import { postActionTransition, useActionTransition } from './action-transition.ts';

/** `POST /api/v1/actions/:actionId/rollback`: undoes an executed, reversible action with its inverse. */
export const rollbackAction = (actionId: number, comment: string) =>
  postActionTransition(actionId, 'rollback', comment);

export const useRollbackAction = (actionId: number) => useActionTransition(actionId, 'rollback');
