import type { Action } from '@watchfloor/shared/actions/api';
import type { Quality } from '@watchfloor/shared/quality';
import type { Queryable } from '../../../db/pool.ts';
import { transactionalQuality } from '../../quality/transactional-quality.ts';
import { loadAction } from '../store/action-view.ts';

/**
 * A decided action as it stands after its transaction committed, with its quality: actions are
 * written transactionally, so the answer is complete and current.
 */
export async function actionAnswer(
  conn: Queryable,
  id: number,
): Promise<{ data: Action; quality: Quality }> {
  return { data: (await loadAction(conn, id))!, quality: transactionalQuality() };
}
