import { useSearchParams } from 'react-router';
import { AuditPage } from '../../features/audit/components/audit-page.tsx';

/** `/audit?actionId=&actor=&event=`: the audit trail and its verification. */
export function AuditRoute() {
  const [params] = useSearchParams();
  const rawAction = params.get('actionId');
  const actionId = rawAction && /^\d{1,15}$/.test(rawAction) ? Number(rawAction) : undefined;
  const filters = { actionId, actor: params.get('actor') || undefined, event: params.get('event') || undefined };
  return <AuditPage filters={filters} />;
}
