import { ALL_TEAMS } from '@watchfloor/shared/teams';
import type { TeamAssignment } from '@watchfloor/shared/teams';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { notFound } from '../../http/app-error.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findSegment, setSegmentOwner } from '../fleet/fleet.repository.ts';
import { lockSegment } from '../actions/store/targets.repository.ts';
import { findUserByUsername, setUserTeams } from '../auth/users.repository.ts';

/**
 * Gives a segment its owning team (or none), audited with the team before and after. The owner is
 * read at every proposal and decision, so the change applies to actions already in flight.
 */
export async function assignSegmentOwner(
  pool: Pool,
  actor: string,
  slug: string,
  team: string | null,
): Promise<TeamAssignment> {
  return withTransaction(
    pool,
    async (conn) => {
      const found = await findSegment(conn, slug);
      if (!found) throw notFound(`Segment ${slug} does not exist`);
      // Locked, then read again (read committed): each change audits the owner it really replaced.
      await lockSegment(conn, found.id);
      const segment = (await findSegment(conn, slug)) ?? found;
      await setSegmentOwner(conn, segment.id, team);
      await appendAudit(conn, {
        actor,
        event: 'segment.owner_changed',
        subject: `segment:${slug}`,
        payload: { before: segment.owner, after: team },
      });
      return { subject: slug, teams: team === null ? [] : [team] };
    },
    'READ COMMITTED',
  );
}

/** Sets a user's teams (`*` alone when fleet-wide), audited; they apply from the user's next request. */
export async function assignUserTeams(
  pool: Pool,
  actor: string,
  username: string,
  teams: readonly string[],
): Promise<TeamAssignment> {
  const normalised = teams.includes(ALL_TEAMS) ? [ALL_TEAMS] : [...new Set(teams)].sort();
  return withTransaction(pool, async (conn) => {
    const user = await findUserByUsername(conn, username);
    if (!user) throw notFound(`User ${username} does not exist`);
    await setUserTeams(conn, username, normalised);
    await appendAudit(conn, {
      actor,
      event: 'user.teams_changed',
      subject: `user:${username}`,
      payload: { before: user.teams, after: normalised },
    });
    return { subject: username, teams: normalised };
  });
}
