import type { AssistShapeName } from '../assist-shapes.ts';
import type { AssistInputs, Compared, PastIncident } from '../inputs.ts';
import {
  breakdownOf,
  entities,
  fig,
  inputsFor,
  mark,
  MINUTE,
  minutes,
  pastIncident,
  SEGMENT,
  segmentMember,
  T0,
  total,
} from './build-inputs.ts';

const DAY = 86_400_000;
const broken = (errors: number): Compared => ({ now: fig(600, errors), before: fig(600, 3) });

/** checkout-eu-3 fails 150 of 600 requests with ConnectionReset from minute 20. */
function oneBadInstance(past: PastIncident[] = [], incidents = 0): AssistInputs {
  const members = entities(8, { 3: broken(150) });
  return inputsFor({
    members,
    classes: { ConnectionReset: { now: 150, before: 0 } },
    minutes: minutes({ requests: 80, errors: 0, badErrors: 4, onsetMinute: 20 }),
    pastIncidents: past,
    incidentsLast30Days: incidents,
  });
}

const restartAt = (at: number) => ({
  id: 900 + (Math.round(at / DAY) % 100),
  type: 'restart_entity' as const,
  target: { kind: 'entity' as const, id: `${SEGMENT}-3` },
  state: 'executed' as const,
  at,
});

const sameAsBefore = (start: number) =>
  pastIncident({
    start,
    entities: [`${SEGMENT}-3`],
    errorClasses: ['ConnectionReset'],
    actions: [restartAt(start + 10 * MINUTE)],
  });

const unrelated = (start: number) =>
  pastIncident({ start, entities: [`${SEGMENT}-6`], errorClasses: [], shape: 'latency' });

export const SHAPE_INPUTS: Record<AssistShapeName, () => AssistInputs> = {
  one_bad_instance: () => oneBadInstance(),

  bad_deploy_on_subset: () => {
    const members = entities(8, { 1: broken(90), 2: broken(90), 3: broken(90) });
    return inputsFor({
      members,
      classes: { DeployError: { now: 261, before: 0 } },
      minutes: minutes({ requests: 80, errors: 0, badErrors: 9, onsetMinute: 30 }),
      marks: [
        mark({
          ts: T0 + 26 * MINUTE,
          kind: 'deploy',
          title: 'checkout 2.14.0',
          changeId: 'deploy-417',
          source: 'change',
        }),
        mark({
          ts: T0 + 45 * MINUTE,
          kind: 'config',
          title: 'raise pool size',
          changeId: 'cfg-88',
          source: 'change',
        }),
      ],
      pastIncidents: [unrelated(T0 - 5 * DAY)],
      incidentsLast30Days: 1,
    });
  },

  one_error_class_across_segment: () => {
    const members = entities(
      8,
      Object.fromEntries(
        Array.from({ length: 8 }, (_, i) => [i + 1, { now: fig(300, 6), before: fig(300, 1) }]),
      ),
    );
    return inputsFor({ members, classes: { TimeoutError: { now: 40, before: 0 } } });
  },

  latency_only_degradation: () =>
    inputsFor({ members: entities(8, { 5: { now: fig(600, 3, 400, 800), before: fig(600, 3) } }) }),

  traffic_surge_without_errors: () =>
    inputsFor({
      members: entities(
        8,
        Object.fromEntries(
          Array.from({ length: 8 }, (_, i) => [i + 1, { now: fig(1800, 9), before: fig(600, 3) }]),
        ),
      ),
    }),

  silent_entity: () =>
    inputsFor({ members: entities(8, { 7: { now: fig(0, 0), before: fig(600, 3) } }) }),

  systemic_segment_failure: () => {
    const members = entities(
      8,
      Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i + 1, broken(120)])),
    );
    return inputsFor({
      members,
      classes: { UpstreamUnavailable: { now: 936, before: 0 } },
      minutes: minutes({ requests: 80, errors: 0, badErrors: 20, onsetMinute: 10 }),
    });
  },

  alert_only_episode: () =>
    inputsFor({
      members: entities(8),
      marks: [
        mark({
          ts: T0 + 10 * MINUTE,
          kind: 'alert',
          title: 'CheckoutErrorBudgetBurn',
          alertEpisodeId: 71,
          open: true,
          endTs: null,
          source: 'alert',
        }),
      ],
    }),

  recovered_incident_recurs: () =>
    oneBadInstance(
      [sameAsBefore(T0 - 3 * DAY), sameAsBefore(T0 - 10 * DAY), unrelated(T0 - 12 * DAY)],
      4,
    ),

  small_volume: () =>
    inputsFor({
      members: entities(4, {
        1: { now: fig(1, 1), before: fig(1, 0) },
        2: { now: fig(1, 1), before: fig(1, 0) },
        3: { now: fig(1, 0), before: fig(1, 0) },
        4: { now: fig(1, 0), before: fig(1, 0) },
      }),
    }),

  entity_scope_error_class: () => {
    const members = entities(8, { 3: broken(150) });
    const self = broken(150);
    return inputsFor({
      scope: { kind: 'entity', id: `${SEGMENT}-3` },
      segmentOfEntity: SEGMENT,
      members,
      self,
      breakdown: breakdownOf(self, { ConnectionReset: { now: 147, before: 0 } }),
      minutes: minutes({ requests: 10, errors: 0, badErrors: 4, onsetMinute: 20 }),
    });
  },

  fleet_one_segment: () => {
    const normal = (): Compared => ({ now: fig(4800, 24), before: fig(4800, 24) });
    const members = [
      segmentMember('auth-us', normal()),
      segmentMember(SEGMENT, { now: fig(4800, 400), before: fig(4800, 24) }),
      segmentMember('ingest-eu', normal()),
      segmentMember('payments-us', normal()),
      segmentMember('search-ap', normal()),
    ];
    return inputsFor({ scope: { kind: 'fleet' }, members, self: total(members) });
  },

  rare_recurrence: () =>
    oneBadInstance(
      [sameAsBefore(T0 - 20 * DAY), ...[2, 4, 6, 8].map((d) => unrelated(T0 - d * DAY))],
      8,
    ),
};
