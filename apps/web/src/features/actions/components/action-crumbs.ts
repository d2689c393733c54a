import type { Action, ActionListQuery } from '@watchfloor/shared/actions/api';
import type { Crumb } from '../../../components/breadcrumbs.tsx';
import { paths } from '../../../lib/paths.ts';
import type { DrillView } from '../../../lib/url-state.ts';

const overview = (view: DrillView): Crumb => ({
  label: 'Fleet overview',
  to: paths.overview(view),
  level: 'overview',
});

/**
 * An action sits under its target in the drill-down, the way raw events sit under their entity:
 * each step back opens that level's chart, where the action is a flag, in the current window.
 */
export function actionCrumbs(
  actionId: number,
  action: Pick<Action, 'segment' | 'target'> | undefined,
  view: DrillView,
): Crumb[] {
  const crumbs = [overview(view)];
  if (action) {
    crumbs.push({
      kind: 'Segment',
      label: action.segment,
      to: paths.segment(action.segment, view),
      level: 'segment',
    });
    if (action.target.kind === 'entity')
      crumbs.push({
        kind: 'Entity',
        label: action.target.id,
        to: paths.entity(action.segment, action.target.id, view),
        level: 'entity',
      });
  }
  return [...crumbs, { kind: 'Action', label: `#${actionId}`, to: paths.action(actionId) }];
}

export function approvalsCrumbs(
  view: DrillView,
  filters: Pick<ActionListQuery, 'state' | 'type'> = {},
): Crumb[] {
  return [overview(view), { label: 'Approvals', to: paths.approvals(filters) }];
}
