import { can } from '@watchfloor/shared/permissions';
import { useMe } from '../../features/auth/api/get-me.ts';
import { PolicyPage } from '../../features/policy-changes/components/policy-page.tsx';

/** `/policy`: the action policy and its changes; admins propose and decide, approvers and managers read. */
export function PolicyRoute() {
  const me = useMe().data;
  return (
    <PolicyPage canChange={can(me?.roles ?? [], 'policy.change')} username={me?.username ?? null} />
  );
}
