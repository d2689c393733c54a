import { useLogout } from '../api/logout.ts';
import { useMe } from '../api/get-me.ts';

/** Who is signed in, with which roles, and the way out. */
export function UserMenu({ onSignedOut }: { onSignedOut: () => void }) {
  const me = useMe();
  const logoutMutation = useLogout();
  if (!me.data) return null;
  return (
    <span className="user-menu">
      <span>
        {me.data.displayName} <span className="user-menu__roles">({me.data.roles.join(', ')})</span>
      </span>
      <button
        type="button"
        onClick={() => logoutMutation.mutate(undefined, { onSettled: onSignedOut })}
        disabled={logoutMutation.isPending}
      >
        Sign out
      </button>
    </span>
  );
}
