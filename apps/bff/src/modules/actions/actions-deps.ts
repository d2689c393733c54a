import type { AlertingConfig } from '../alerts/alerting-config.ts';
import type { ActionType } from '@watchfloor/shared/actions/catalogue';
import type { ActionState } from '@watchfloor/shared/actions/states';
import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import type { QualityThresholds } from '../quality/quality-rules.ts';
import type { CheckpointPolicy } from '../audit/audit.service.ts';
import { executorRegistry, type ActionExecutor } from './executors/executor.ts';
import { createSimulatedFleetExecutor } from './executors/simulated-fleet.executor.ts';
import { createWebhookExecutor, type WebhookOptions } from './executors/webhook.executor.ts';
import { InMemoryPolicySource, type PolicySource } from './policy/policy-source.ts';

export type TransactionPoint = 'after-state-change' | 'after-audit';

/** Seams for tests: pause inside a transition's transaction, or act between approval and execution. */
export interface ActionHooks {
  inTransaction?: (
    point: TransactionPoint,
    info: { actionId: number; to: ActionState },
  ) => Promise<void>;
  beforeExecute?: (actionId: number) => Promise<void>;
}

export interface ActionsDeps {
  pool: Pool;
  /** Signs audit checkpoints; held outside the database. */
  auditKey: string;
  policy: PolicySource;
  executorFor: (type: ActionType) => ActionExecutor;
  thresholds?: QualityThresholds;
  /** The alert pipeline's heartbeat rule, part of every target's quality. */
  alerting?: Partial<AlertingConfig>;
  /** Execute as soon as an action is approved (default); otherwise the sweeper executes approved actions. */
  executeOnApproval?: boolean;
  /** An idempotency key in progress for longer than this is taken to belong to a dead request. */
  idempotencyStaleMs?: number;
  checkpoints?: CheckpointPolicy;
  logger?: Logger;
  hooks?: ActionHooks;
}

export interface ActionsConfig {
  pool: Pool;
  auditKey: string;
  logger?: Logger;
  thresholds?: QualityThresholds;
  alerting?: Partial<AlertingConfig>;
  policy?: PolicySource;
  /** Route these types to a signed webhook instead of the simulated fleet. */
  webhook?: WebhookOptions & { types: readonly ActionType[] };
}

/** The actions module's dependencies with production defaults: simulated fleet, default policy. */
export function createActionsDeps(config: ActionsConfig): ActionsDeps {
  const webhook = config.webhook ? createWebhookExecutor(config.webhook) : null;
  const byType: Partial<Record<ActionType, ActionExecutor>> = {};
  if (webhook) for (const type of config.webhook!.types) byType[type] = webhook;
  return {
    pool: config.pool,
    auditKey: config.auditKey,
    logger: config.logger,
    thresholds: config.thresholds,
    alerting: config.alerting,
    policy: config.policy ?? new InMemoryPolicySource(),
    executorFor: executorRegistry(createSimulatedFleetExecutor(), byType),
  };
}
