import { useParams } from 'react-router';
import { ActionTimelinePage } from '../../features/actions/components/action-timeline-page.tsx';
import { NotFoundRoute } from './not-found-route.tsx';

/** `/actions/:actionId`: one action's review and timeline. */
export function ActionRoute() {
  const raw = useParams().actionId ?? '';
  const actionId = /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  if (actionId === null || actionId < 1) return <NotFoundRoute />;
  return <ActionTimelinePage key={actionId} actionId={actionId} />;
}
