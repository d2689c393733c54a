import {
  activeFreezes,
  conflictRule,
  NO_COORDINATION,
} from '@watchfloor/shared/actions/coordination';
import type { ActionPolicy } from '@watchfloor/shared/actions/policy';
import type { EvaluationInputs } from './policy-evaluation.ts';

type Check = (code: string, passed: boolean, message: string) => void;

/**
 * The coordination guard, at every stage that judges targets: change freezes (unless an admin
 * overrode those very freezes at proposal), the conflict matrix against other in-flight actions on
 * overlapping targets, and the systemic breaker. Facts absent from inputs recorded before the
 * guard existed skip their check rather than guess.
 */
export function coordinationChecks(
  policy: ActionPolicy,
  inputs: EvaluationInputs,
  at: number,
  check: Check,
): void {
  const coordination = policy.coordination ?? NO_COORDINATION;
  freezeCheck(coordination.freezes, inputs, at, check);
  if (inputs.segmentActions) conflictMatrixCheck(coordination.conflicts, inputs, check);
  if (inputs.segment.health && coordination.systemicBreaker)
    breakerCheck(coordination.systemicBreaker, inputs, check);
}

function freezeCheck(
  freezes: NonNullable<ActionPolicy['coordination']>['freezes'],
  inputs: EvaluationInputs,
  at: number,
  check: Check,
): void {
  const segment = inputs.segment.slug;
  const active = activeFreezes(freezes, segment, at);
  const override = inputs.action.freezeOverride ?? null;
  const binding = active.filter((f) => !override?.freezes.includes(f.id));
  const words = (f: (typeof active)[number]) =>
    `${f.kind === 'maintenance' ? 'maintenance window' : 'change freeze'} "${f.id}" (${f.reason}) until ${f.to}`;
  check(
    'change_freeze',
    binding.length === 0,
    binding.length > 0
      ? `${binding.map(words).join('; ')} covers ${segment}; ${
          inputs.stage === 'proposal' || inputs.stage === 'preview'
            ? 'an admin may override it with a reason'
            : 'an override is given at proposal: cancel this action, and an admin may propose it again with a reason'
        }`
      : active.length > 0
        ? `${active.map(words).join('; ')} covers ${segment}, overridden by ${override!.by}: ${override!.reason}`
        : `no change freeze covers ${segment} now`,
  );
}

function conflictMatrixCheck(
  rules: NonNullable<ActionPolicy['coordination']>['conflicts'],
  inputs: EvaluationInputs,
  check: Check,
): void {
  const own = inputs.action;
  const ownSlugs = new Set(inputs.targets.map((t) => t.slug));
  const clashes = (inputs.segmentActions ?? []).flatMap((other) => {
    // An entity action and a segment action in the same segment overlap; two entity actions
    // overlap when they share an entity.
    const overlaps =
      own.target.kind === 'segment' ||
      other.targetKind === 'segment' ||
      other.targets.some((slug) => ownSlugs.has(slug));
    const rule = overlaps ? conflictRule(rules, own.type, other.type) : undefined;
    return rule ? [{ other, rule }] : [];
  });
  check(
    'conflict_matrix',
    clashes.length === 0,
    clashes.length > 0
      ? clashes
          .map(
            ({ other, rule }) =>
              `#${other.id} ${other.type} on ${other.target} (${other.state}) overlaps: ${own.type} may not run with ${other.type} (${rule.reason})`,
          )
          .join('; ')
      : 'no action in flight that the conflict matrix forbids alongside this one',
  );
}

function breakerCheck(
  breaker: NonNullable<NonNullable<ActionPolicy['coordination']>['systemicBreaker']>,
  inputs: EvaluationInputs,
  check: Check,
): void {
  if (!breaker.types.includes(inputs.action.type)) return;
  const { judged, unhealthy } = inputs.segment.health!;
  const share = judged === 0 ? 0 : unhealthy.length / judged;
  const tripped = unhealthy.length >= breaker.minUnhealthy && share > breaker.unhealthyShare;
  const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;
  check(
    'systemic_breaker',
    !tripped,
    tripped
      ? `systemic — escalate: ${unhealthy.length} of ${judged} active entities of ${inputs.segment.slug} are unhealthy (${pct(share)}, limit ${pct(breaker.unhealthyShare)}: ${unhealthy.slice(0, 5).join(', ')}${unhealthy.length > 5 ? ', …' : ''}); ${inputs.action.type} one by one would hide a common cause`
      : `${unhealthy.length} of ${judged} active entities of ${inputs.segment.slug} are unhealthy (${pct(share)}; the breaker trips above ${pct(breaker.unhealthyShare)})`,
  );
}
