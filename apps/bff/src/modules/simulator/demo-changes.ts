import type { ChangeEventInput } from '@watchfloor/shared/telemetry/changes';
import { ERROR_SPIKE, HISTORICAL_INCIDENTS, SILENT_ENTITY } from './demo-scenario.ts';
import { DEMO_FLEET, fleetBySlug, type FleetEntity } from './fleet.ts';
import { serviceName } from './otlp-spans.ts';
import { routineDeploys } from './routine-deploys.ts';
import { scenarioDeploys, type ScriptedDeploy } from './scenario-faults.ts';

const MINUTE = 60_000;
const CI_URL = 'https://ci.demo.invalid';
const FLAGS_URL = 'https://flags.demo.invalid';
const CONFIG_URL = 'https://config.demo.invalid';
const INFRA_URL = 'https://infra.demo.invalid';

/** The feature flag flipped on the error spike's segment shortly before its instances fail. */
export const SPIKE_FLAG = {
  key: 'checkout.pricing-v2',
  offsetMs: ERROR_SPIKE.startOffsetMs - 4 * MINUTE,
} as const;
/** The config rollout that shrank the culprits' database pools: the real answer to "what changed?". */
export const SPIKE_CONFIG = {
  key: 'db.pool.max_connections',
  from: 50,
  to: 8,
  offsetMs: ERROR_SPIKE.startOffsetMs - 2 * MINUTE,
} as const;

function deployChange(seed: number, entity: FleetEntity, deploy: ScriptedDeploy): ChangeEventInput {
  const service = serviceName(entity.slug);
  return {
    id: `deploy-${seed}-${entity.slug}-${deploy.ts}`,
    type: 'deploy',
    title: deploy.message,
    url: `${CI_URL}/${entity.segment.slug}/${service}/deployments/${deploy.version}`,
    start: deploy.ts,
    segment: entity.segment.slug,
    entity: entity.slug,
    attributes: { service, version: deploy.version },
  };
}

/** The changes behind (or beside) the scripted incidents, placed relative to the anchor. */
function scriptedChanges(seed: number, anchorMs: number): ChangeEventInput[] {
  const spikeFlagAt = anchorMs + SPIKE_FLAG.offsetMs;
  const spikeConfigAt = anchorMs + SPIKE_CONFIG.offsetMs;
  const [gatewayOutage, cacheStorm, pastPoolExhaustion] = HISTORICAL_INCIDENTS;
  const pastPoolConfigAt = anchorMs + pastPoolExhaustion.startOffsetMs - 2 * MINUTE;
  const pastPoolRevertAt =
    anchorMs + pastPoolExhaustion.startOffsetMs + pastPoolExhaustion.durationMs;
  const silentAt = anchorMs + SILENT_ENTITY.silentSinceOffsetMs;
  return [
    {
      id: `flag-${seed}-${SPIKE_FLAG.key}-${spikeFlagAt}`,
      type: 'flag',
      title: `flag ${SPIKE_FLAG.key} on`,
      url: `${FLAGS_URL}/${ERROR_SPIKE.segment}/${SPIKE_FLAG.key}`,
      start: spikeFlagAt,
      segment: ERROR_SPIKE.segment,
      attributes: { flag: SPIKE_FLAG.key, from: false, to: true },
    },
    ...ERROR_SPIKE.culprits.map((entity): ChangeEventInput => ({
      id: `config-${seed}-${entity}-${spikeConfigAt}`,
      type: 'config',
      title: `config ${SPIKE_CONFIG.key} ${SPIKE_CONFIG.from} → ${SPIKE_CONFIG.to}`,
      url: `${CONFIG_URL}/${ERROR_SPIKE.segment}/${serviceName(entity)}/history`,
      start: spikeConfigAt,
      segment: ERROR_SPIKE.segment,
      entity,
      attributes: { key: SPIKE_CONFIG.key, from: SPIKE_CONFIG.from, to: SPIKE_CONFIG.to },
    })),
    // The same pool shrink before the error spike's forerunner, and its revert that ended it.
    ...pastPoolExhaustion.entities.flatMap((entity): ChangeEventInput[] =>
      [
        { at: pastPoolConfigAt, from: SPIKE_CONFIG.from, to: SPIKE_CONFIG.to },
        { at: pastPoolRevertAt, from: SPIKE_CONFIG.to, to: SPIKE_CONFIG.from },
      ].map(({ at, from, to }) => ({
        id: `config-${seed}-${entity}-${at}`,
        type: 'config',
        title: `config ${SPIKE_CONFIG.key} ${from} → ${to}`,
        url: `${CONFIG_URL}/${pastPoolExhaustion.segment}/${serviceName(entity)}/history`,
        start: at,
        segment: pastPoolExhaustion.segment,
        entity,
        attributes: { key: SPIKE_CONFIG.key, from, to },
      })),
    ),
    {
      id: `infra-${seed}-${SILENT_ENTITY.segment}-nodepool-${silentAt}`,
      type: 'infra',
      title: 'node pool ledger-b kernel upgrade',
      url: `${INFRA_URL}/${SILENT_ENTITY.segment}/maintenance/ledger-b`,
      start: silentAt - 6 * MINUTE,
      end: silentAt + 14 * MINUTE,
      segment: SILENT_ENTITY.segment,
      attributes: { pool: 'ledger-b' },
    },
    {
      id: `infra-${seed}-${gatewayOutage.segment}-gateway-${anchorMs + gatewayOutage.startOffsetMs}`,
      type: 'infra',
      title: 'payment gateway provider maintenance window',
      url: `${INFRA_URL}/${gatewayOutage.segment}/maintenance/gateway`,
      start: anchorMs + gatewayOutage.startOffsetMs - 10 * MINUTE,
      end: anchorMs + gatewayOutage.startOffsetMs + gatewayOutage.durationMs,
      segment: gatewayOutage.segment,
      attributes: { provider: 'gateway' },
    },
    {
      id: `config-${seed}-${cacheStorm.segment}-ttl-${anchorMs + cacheStorm.startOffsetMs}`,
      type: 'config',
      title: 'config session.cache.ttl 300s → 30s',
      url: `${CONFIG_URL}/${cacheStorm.segment}/identity-auth/history`,
      start: anchorMs + cacheStorm.startOffsetMs - 3 * MINUTE,
      segment: cacheStorm.segment,
      attributes: { key: 'session.cache.ttl', from: '300s', to: '30s' },
    },
  ];
}

/**
 * Every change the demo fleet's tools would report with start in [fromMs, toMs): the routine
 * deploys, and, when the scenario's anchor is known, the scripted regression's deploy and the
 * config, flag and infrastructure changes around the scripted incidents. Ids are deterministic,
 * so posting a window twice stores nothing new.
 */
export function demoChanges(
  seed: number,
  anchorMs: number | null,
  fromMs: number,
  toMs: number,
): ChangeEventInput[] {
  const fleet = fleetBySlug(DEMO_FLEET);
  const deploys = [
    ...(anchorMs === null ? [] : scenarioDeploys(anchorMs)),
    ...routineDeploys(seed, DEMO_FLEET, fromMs, toMs),
  ];
  const changes = deploys.flatMap((deploy) => {
    const entity = fleet.get(deploy.entity);
    return entity ? [deployChange(seed, entity, deploy)] : [];
  });
  if (anchorMs !== null) changes.push(...scriptedChanges(seed, anchorMs));
  return changes
    .filter((change) => Number(change.start) >= fromMs && Number(change.start) < toMs)
    .sort((a, b) => Number(a.start) - Number(b.start));
}
