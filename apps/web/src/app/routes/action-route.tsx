import { useParams, useSearchParams } from 'react-router';
import { ActionTimelinePage } from '../../features/actions/components/action-timeline-page.tsx';
import { readDrillView } from '../../lib/url-state.ts';
import { AssistRecordProvider } from './assist-record-provider.tsx';
import { NotFoundRoute } from './not-found-route.tsx';

/** `/actions/:actionId`: one action's review and timeline; the window only travels on to the charts. */
export function ActionRoute() {
  const raw = useParams().actionId ?? '';
  const [params] = useSearchParams();
  const actionId = /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  if (actionId === null || actionId < 1) return <NotFoundRoute />;
  return (
    <AssistRecordProvider>
      <ActionTimelinePage key={actionId} actionId={actionId} view={readDrillView(params)} />
    </AssistRecordProvider>
  );
}
