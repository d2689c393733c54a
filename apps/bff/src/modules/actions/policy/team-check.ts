import { teamScope, type ActionPolicy } from '@watchfloor/shared/actions/policy';
import { isFleetWide, teamScopeRefusal } from '@watchfloor/shared/teams';
import type { EvaluationInputs } from './policy-evaluation.ts';

/** Whether the actor may act on the target segment under the type's team scope. */
export function teamCheck(
  policy: ActionPolicy,
  inputs: EvaluationInputs,
  verb: string,
  check: (code: string, passed: boolean, message: string) => void,
): void {
  const { actor, segment, action } = inputs;
  if (actor.teams === undefined || segment.owner === undefined) return;
  const scope = teamScope(policy, action.type);
  const refusal = teamScopeRefusal(
    scope,
    actor.teams,
    { slug: segment.slug, owner: segment.owner },
    verb,
  );
  check(
    'actor_team',
    refusal === null,
    refusal ??
      (scope === 'any'
        ? `${action.type} is open to every team`
        : isFleetWide(actor.teams)
          ? `you act fleet-wide, ${segment.slug} included`
          : `you are in ${segment.owner}, the owning team of ${segment.slug}`),
  );
}
