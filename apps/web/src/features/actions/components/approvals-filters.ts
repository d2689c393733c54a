import { ActionTypeSchema } from '@watchfloor/shared/actions/catalogue';
import { ActionStateSchema } from '@watchfloor/shared/actions/states';
import { SlugSchema } from '@watchfloor/shared/ingest';
import type { ActionFilters } from '../api/get-actions.ts';

/**
 * `/approvals?state=&type=&target=`. The queue opens on what awaits a decision, so a missing state
 * means "proposed" and `state=any` lists every state. Unreadable values are dropped, never guessed.
 */
export function readApprovalsFilters(params: URLSearchParams): ActionFilters {
  const rawState = params.get('state');
  const state =
    rawState === 'any'
      ? undefined
      : (ActionStateSchema.safeParse(rawState ?? 'proposed').data ?? 'proposed');
  const type = ActionTypeSchema.safeParse(params.get('type')).data;
  const target = SlugSchema.safeParse(params.get('target')?.trim()).data;
  return { ...(state ? { state } : {}), ...(type ? { type } : {}), ...(target ? { target } : {}) };
}

/** The query string of a set of filters, in a stable order, so equal filters give equal URLs. */
export function approvalsSearch(filters: ActionFilters): URLSearchParams {
  const search = new URLSearchParams();
  search.set('state', filters.state ?? 'any');
  if (filters.type) search.set('type', filters.type);
  if (filters.target) search.set('target', filters.target);
  return search;
}
