import type { Crumb } from '../../../components/breadcrumbs.tsx';
import { paths } from '../../../lib/paths.ts';
import type { DrillView } from '../../../lib/url-state.ts';

/** Fleet overview › Audit trail, and › Action #N when the trail is narrowed to one action. */
export function auditCrumbs(view: DrillView, actionId?: number): Crumb[] {
  const crumbs: Crumb[] = [
    { label: 'Fleet overview', to: paths.overview(view), level: 'overview' },
    { label: 'Audit trail', to: paths.audit() },
  ];
  return actionId
    ? [...crumbs, { kind: 'Action', label: `#${actionId}`, to: paths.audit({ actionId }) }]
    : crumbs;
}
