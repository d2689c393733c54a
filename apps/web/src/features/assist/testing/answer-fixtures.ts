import {
  ASSIST_RULES_VERSION,
  type AssistAnswer,
  type AssistFinding,
} from '@watchfloor/shared/assist';
import { FIXTURE_WINDOW, UNSAFE_QUALITY } from '../../../lib/testing/drilldown-fixtures.ts';

/** "Why?" answers shaped as the BFF sends them; each test overrides what it is about. */
const M = 60_000;
const LINK =
  '/segments/checkout-eu/entities/checkout-eu-api-03?from=2026-12-04T11:00:00Z&to=2026-12-04T12:00:00Z';

export const CULPRIT_FINDING: AssistFinding = {
  check: 'contribution',
  interesting: true,
  title: 'checkout-eu-api-03 carries 82% of the excess errors',
  message: 'DbPoolExhausted on checkout-eu-api-03: 82% of the excess errors on 9% of the traffic.',
  score: 9.1,
  subject: { kind: 'entity', id: 'checkout-eu-api-03' },
  evidence: [
    {
      source: 'rollups_1m',
      scope: { kind: 'entity', id: 'checkout-eu-api-03' },
      window: FIXTURE_WINDOW,
      figure: 'errorRatio',
      value: 0.8712,
      link: LINK,
    },
  ],
  propose: {
    type: 'restart_entity',
    target: { kind: 'entity', id: 'checkout-eu-api-03' },
    rationale: 'checkout-eu-api-03 carries 82% of the excess errors (DbPoolExhausted, z = 14.2).',
  },
};

export const QUIET_FINDING: AssistFinding = {
  check: 'systemic',
  interesting: false,
  title: 'Not systemic: 1 of 12 entities affected',
  message: 'Below the 50% share that would make it systemic.',
  score: 0,
  evidence: [],
};

export function answerFixture(over: Partial<AssistAnswer> = {}): AssistAnswer {
  return {
    id: 'as_0123456789abcdef01234567',
    status: 'ok',
    rulesVersion: ASSIST_RULES_VERSION,
    scope: { kind: 'segment', id: 'checkout-eu' },
    window: FIXTURE_WINDOW,
    baseline: { from: FIXTURE_WINDOW.from - 60 * M, to: FIXTURE_WINDOW.from, chosen: false },
    inputsHash: 'a'.repeat(64),
    inputs: [],
    findings: [QUIET_FINDING, CULPRIT_FINDING],
    novelty: { label: 'rare', share: 0.1, similarIncidents: 1, incidents: 10 },
    similar: [
      {
        segment: 'checkout-eu',
        start: FIXTURE_WINDOW.from - 3 * 86_400_000,
        end: FIXTURE_WINDOW.from - 3 * 86_400_000 + 25 * M,
        durationMinutes: 25,
        ongoing: false,
        overlap: 0.8,
        signature: {
          entities: ['checkout-eu-api-03'],
          errorClasses: ['DbPoolExhausted'],
          shape: 'errors',
        },
        actions: [
          {
            id: 4,
            type: 'restart_entity',
            target: { kind: 'entity', id: 'checkout-eu-api-03' },
            state: 'executed',
            at: FIXTURE_WINDOW.from - 3 * 86_400_000 + 20 * M,
          },
        ],
        link: '/segments/checkout-eu?from=2026-12-01T11:00:00Z&to=2026-12-01T11:25:00Z',
      },
    ],
    createdAt: FIXTURE_WINDOW.to,
    createdBy: 'operator',
    ...over,
  };
}

export function refusedAnswerFixture(): AssistAnswer {
  return answerFixture({
    status: 'refused',
    refusal: { message: 'The data of this window cannot be trusted.', quality: UNSAFE_QUALITY },
    // A refusal carries no findings; one here proves the view would not show it anyway.
    findings: [CULPRIT_FINDING],
    novelty: undefined,
    similar: [],
  });
}

/** The BFF's envelope around an answer. */
export function answerResponse(answer: AssistAnswer) {
  return {
    data: answer,
    meta: { resolution: null, generatedAt: answer.createdAt, requestId: 'req-assist' },
  };
}
