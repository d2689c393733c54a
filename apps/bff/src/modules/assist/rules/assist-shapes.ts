import type { AssistCheck, AssistFinding, Novelty } from '@watchfloor/shared/assist';

/**
 * The labelled incident shapes "Why?" must get right, with the expected top finding. The pure
 * tests build each from hand-made inputs (rules/testing/shape-inputs.ts); a database-backed
 * regression test can run the same shapes through the simulator and expect the same answers.
 */
export interface AssistShape {
  name: string;
  story: string;
  expectedTop: {
    check: AssistCheck;
    subject: NonNullable<AssistFinding['subject']>;
    interesting: boolean;
  };
  /** How many similar past incidents, and the novelty label, when the shape has history. */
  expectedSimilar?: number;
  expectedNovelty?: Novelty['label'];
}

export const ASSIST_SHAPES = [
  {
    name: 'one_bad_instance',
    story: 'checkout-eu-3 of 8 entities fails a quarter of its requests with ConnectionReset',
    expectedTop: {
      check: 'contribution',
      subject: { kind: 'entity', id: 'checkout-eu-3' },
      interesting: true,
    },
  },
  {
    name: 'bad_deploy_on_subset',
    story:
      'a deploy to checkout-eu 4 min before the onset breaks 3 of its 8 entities with DeployError',
    expectedTop: {
      check: 'what_changed',
      subject: { kind: 'change', id: 'deploy-417' },
      interesting: true,
    },
    expectedNovelty: 'new',
  },
  {
    name: 'one_error_class_across_segment',
    story:
      'every entity of checkout-eu throws a few TimeoutError, none of them significantly on its own',
    expectedTop: {
      check: 'contribution',
      subject: { kind: 'error_class', id: 'TimeoutError' },
      interesting: true,
    },
  },
  {
    name: 'latency_only_degradation',
    story: 'checkout-eu-5 answers in 400 ms instead of 100 ms; errors unchanged',
    expectedTop: {
      check: 'contribution',
      subject: { kind: 'entity', id: 'checkout-eu-5' },
      interesting: true,
    },
  },
  {
    name: 'traffic_surge_without_errors',
    story: 'three times the traffic at the same error ratio and latency',
    expectedTop: {
      check: 'contribution',
      subject: { kind: 'segment', id: 'checkout-eu' },
      interesting: false,
    },
  },
  {
    name: 'silent_entity',
    story: 'checkout-eu-7 stops sending while its peers carry on',
    expectedTop: {
      check: 'peer_outliers',
      subject: { kind: 'entity', id: 'checkout-eu-7' },
      interesting: true,
    },
  },
  {
    name: 'systemic_segment_failure',
    story: 'all 8 entities of checkout-eu fail a fifth of their requests',
    expectedTop: {
      check: 'systemic',
      subject: { kind: 'segment', id: 'checkout-eu' },
      interesting: true,
    },
  },
  {
    name: 'alert_only_episode',
    story: 'an alert fires on checkout-eu and is still firing; the rollups show no excess',
    expectedTop: { check: 'what_changed', subject: { kind: 'alert', id: '71' }, interesting: true },
  },
  {
    name: 'recovered_incident_recurs',
    story:
      'checkout-eu-3 fails with ConnectionReset again, as it did 3 and 10 days ago (restarted both times)',
    expectedTop: {
      check: 'contribution',
      subject: { kind: 'entity', id: 'checkout-eu-3' },
      interesting: true,
    },
    expectedSimilar: 2,
    expectedNovelty: 'frequent',
  },
  {
    name: 'small_volume',
    story: 'four requests, two of them errors: too little to say anything',
    expectedTop: {
      check: 'contribution',
      subject: { kind: 'segment', id: 'checkout-eu' },
      interesting: false,
    },
  },
  {
    name: 'entity_scope_error_class',
    story: '"Why?" on checkout-eu-3 itself: its ConnectionReset errors',
    expectedTop: {
      check: 'contribution',
      subject: { kind: 'error_class', id: 'ConnectionReset' },
      interesting: true,
    },
  },
  {
    name: 'fleet_one_segment',
    story: '"Why?" on the fleet when only checkout-eu fails',
    expectedTop: {
      check: 'contribution',
      subject: { kind: 'segment', id: 'checkout-eu' },
      interesting: true,
    },
  },
  {
    name: 'rare_recurrence',
    story:
      'checkout-eu-3 fails with ConnectionReset; once before in 30 days among many other incidents',
    expectedTop: {
      check: 'contribution',
      subject: { kind: 'entity', id: 'checkout-eu-3' },
      interesting: true,
    },
    expectedSimilar: 1,
    expectedNovelty: 'rare',
  },
] as const satisfies readonly AssistShape[];

export type AssistShapeName = (typeof ASSIST_SHAPES)[number]['name'];
