import type { PolicyEvaluation } from '@watchfloor/shared/actions/api';
import type { ActionAbilityName, Ability } from '@watchfloor/shared/actions/detail';
import { ACTION_CATALOGUE } from '@watchfloor/shared/actions/catalogue';
import { teamScope, type ActionPolicy } from '@watchfloor/shared/actions/policy';
import { teamScopeRefusal } from '@watchfloor/shared/teams';
import type { Me } from '@watchfloor/shared/auth';
import type { ActionRecord } from '../store/actions.repository.ts';

const ability = (reasons: string[]): Ability => ({ allowed: reasons.length === 0, reasons });

/**
 * What the signed-in user may do with the action right now, each refusal with its reason (like
 * Grafana's abilities). `approvalPreview` is the approval-stage evaluation for this user: its failed
 * checks (role, own proposal, already approved, preconditions) are the approval reasons.
 */
export function actionAbilities(
  user: Me,
  action: ActionRecord,
  policy: ActionPolicy,
  approvalPreview: PolicyEvaluation,
  segmentOwner: string | null,
): Record<ActionAbilityName, Ability> {
  const proposed = action.state === 'proposed';
  const expired = proposed && action.expiresAt <= action.dbNow;
  const notProposed = (verb: string) =>
    proposed ? [] : [`the action is ${action.state}; only a proposed action can be ${verb}`];
  const expiry = expired ? ['the action has expired'] : [];
  const approvers = policy.types[action.type]?.approvers ?? [];
  const mayDecide = user.roles.some((role) => approvers.includes(role));
  const way = ACTION_CATALOGUE[action.type].reversibility;
  const outOfTeam = (verb: string) => {
    const refusal = teamScopeRefusal(
      teamScope(policy, action.type),
      user.teams,
      { slug: action.segmentSlug, owner: segmentOwner },
      verb,
    );
    return refusal ? [refusal] : [];
  };
  return {
    approve: ability([
      ...notProposed('approved'),
      ...expiry,
      ...(proposed ? approvalPreview.results.filter((r) => !r.passed).map((r) => r.message) : []),
    ]),
    reject: ability([
      ...notProposed('rejected'),
      ...expiry,
      ...(mayDecide ? [] : [`your roles (${user.roles.join(', ')}) may not reject ${action.type}`]),
      ...outOfTeam(`reject ${action.type}`),
      ...(action.proposer === user.username ? ['you proposed this action; cancel it instead'] : []),
    ]),
    cancel: ability([
      ...notProposed('cancelled'),
      ...expiry,
      ...(action.proposer === user.username
        ? []
        : [`only the proposer (${action.proposer}) may cancel it`]),
    ]),
    rollback: ability([
      ...(action.state === 'executed'
        ? []
        : [`the action is ${action.state}; only an executed action can be rolled back`]),
      ...(way.kind === 'inverse' ? [] : [`${action.type} has no rollback: ${way.note}`]),
      ...(user.roles.some((role) => policy.rollbackRoles.includes(role))
        ? []
        : [`your roles (${user.roles.join(', ')}) may not roll back actions`]),
      ...outOfTeam(`roll back ${action.type}`),
    ]),
  };
}
