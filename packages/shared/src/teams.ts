import { z } from 'zod';

/** Membership in every team: fleet-wide users (and every account created before teams existed). */
export const ALL_TEAMS = '*';

/** A team's name as segments (`owner`) and users carry it, e.g. `team-payments`. */
export const TeamNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"');

/** Who may act on a type's targets: members of the owning team of the target's segment, or anyone. */
export const TEAM_SCOPES = ['owning_team', 'any'] as const;
export const TeamScopeSchema = z.enum(TEAM_SCOPES);
export type TeamScope = z.infer<typeof TeamScopeSchema>;

export const isFleetWide = (teams: readonly string[]) => teams.includes(ALL_TEAMS);

/** How a user's teams read in a sentence: "all teams" or "team-payments, team-search". */
export const teamsInWords = (teams: readonly string[]) =>
  isFleetWide(teams) ? 'all teams' : teams.length ? teams.join(', ') : 'no team';

/**
 * Why a user may not act on a segment under the type's team scope, or null when they may. A
 * segment without an owner belongs to no team, so only fleet-wide users act on it under
 * `owning_team`.
 */
export function teamScopeRefusal(
  scope: TeamScope,
  teams: readonly string[],
  segment: { slug: string; owner: string | null },
  verb: string,
): string | null {
  if (scope === 'any' || isFleetWide(teams)) return null;
  if (segment.owner !== null && teams.includes(segment.owner)) return null;
  return segment.owner === null
    ? `${segment.slug} has no owning team, so only fleet-wide users may ${verb} on it; you are in ${teamsInWords(teams)}`
    : `${segment.slug} is owned by ${segment.owner}; you are in ${teamsInWords(teams)}, so you may not ${verb} on it`;
}

/** `PUT /api/v1/segments/:segmentId/owner` (admins): the segment's owning team, or none. */
export const SetSegmentOwnerRequestSchema = z.strictObject({ team: TeamNameSchema.nullable() });
export type SetSegmentOwnerRequest = z.infer<typeof SetSegmentOwnerRequestSchema>;

/** `PUT /api/v1/users/:username/teams` (admins): the user's teams; `["*"]` makes them fleet-wide. */
export const SetUserTeamsRequestSchema = z.strictObject({
  teams: z.array(z.union([z.literal(ALL_TEAMS), TeamNameSchema])).max(32),
});
export type SetUserTeamsRequest = z.infer<typeof SetUserTeamsRequestSchema>;

/** The answer of both: what the subject belongs to now. */
export const TeamAssignmentSchema = z.object({
  subject: z.string(),
  teams: z.array(z.string()),
});
export type TeamAssignment = z.infer<typeof TeamAssignmentSchema>;
