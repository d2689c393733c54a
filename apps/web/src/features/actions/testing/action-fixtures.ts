import type { Action } from '@watchfloor/shared/actions/api';
import type { ActionDetail, Ability } from '@watchfloor/shared/actions/detail';

/** A drain of one entity, as the BFF returns it; tests override what they are about. */
export function actionFixture(over: Partial<Action> = {}): Action {
  return {
    id: 7,
    type: 'drain_entity',
    label: 'Drain entity',
    risk: 'high',
    reversibility: 'inverse',
    target: { kind: 'entity', id: 'checkout-eu-3' },
    segment: 'checkout-eu',
    params: {},
    rationale: 'Second culprit of the error spike; take it out of rotation.',
    evidence: {
      viewUrl: '/segments/checkout-eu/entities/checkout-eu-3?range=1h',
      window: { from: 0, to: 3_600_000 },
      figures: {},
      watermark: null,
      quality: { state: 'ok' },
    },
    state: 'proposed',
    proposer: 'operator',
    proposedAt: 1_000,
    expiresAt: 1_801_000,
    updatedAt: 1_000,
    policyVersion: 'abcdef0123456789',
    approvalsRequired: 1,
    approvers: [],
    decidedBy: null,
    decisionComment: null,
    outcome: null,
    failureReason: null,
    freezeOverride: null,
    targets: [{ entity: 'checkout-eu-3', kind: 'service', state: 'active' }],
    ...over,
  };
}

export const allowed: Ability = { allowed: true, reasons: [] };
export const refused = (...reasons: string[]): Ability => ({ allowed: false, reasons });

export function abilitiesFixture(
  over: Partial<ActionDetail['abilities']> = {},
): ActionDetail['abilities'] {
  return { approve: allowed, reject: allowed, cancel: allowed, rollback: allowed, ...over };
}

/** A successful transition's answer in the API envelope. */
export function transitionBody(action: Action) {
  return {
    data: action,
    quality: { state: 'ok', freshnessLagSeconds: 0, completeness: 1, watermark: null, reasons: [] },
    meta: { resolution: null, generatedAt: 0, requestId: 'req-1' },
  };
}
