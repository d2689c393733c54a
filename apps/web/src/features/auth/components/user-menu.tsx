import { useLogout } from '../api/logout.ts';
import { useMe } from '../api/get-me.ts';
import { isFleetWide, teamsInWords } from '@watchfloor/shared/teams';

/** Who is signed in, with which roles and teams, and the way out. */
export function UserMenu({ onSignedOut }: { onSignedOut: () => void }) {
  const me = useMe();
  const logoutMutation = useLogout();
  if (!me.data) return null;
  return (
    <span className="user-menu">
      <span>
        {me.data.displayName} <span className="user-menu__roles">({me.data.roles.join(', ')})</span>
        {isFleetWide(me.data.teams) ? null : (
          <span
            className="user-menu__teams"
            title="Where policy limits an action type to the owning team, you act on segments these teams own"
          >
            {' '}
            · {teamsInWords(me.data.teams)}
          </span>
        )}
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
