import type { ActionTargetRef } from '@watchfloor/shared/actions/api';
import type { ActionType } from '@watchfloor/shared/actions/catalogue';
import type { PoolConnection } from '../../../db/pool.ts';

export type ExecutionOperation = 'execute' | 'rollback';

export interface ExecutionRequest {
  actionId: number;
  operation: ExecutionOperation;
  type: ActionType;
  target: ActionTargetRef;
  targets: { id: number; slug: string }[];
  params: Record<string, unknown>;
  /**
   * The transaction that will record the outcome. An executor whose effect lives in this database
   * writes through it, so the effect and its audit record commit (or vanish) together.
   */
  conn: PoolConnection;
  /** Database time of the execution. */
  now: number;
}

/** What the executor saw. `ok: true` only for an effect it observed; anything else is a failure with its reason. */
export type ExecutionOutcome =
  { ok: true; detail: Record<string, unknown> } | { ok: false; reason: string };

/** An adapter that carries an action out. Must be idempotent per (actionId, operation). */
export interface ActionExecutor {
  readonly name: string;
  run(request: ExecutionRequest): Promise<ExecutionOutcome>;
}

/** Chooses the executor for a type: the configured adapter, else the default. */
export function executorRegistry(
  defaultExecutor: ActionExecutor,
  byType: Partial<Record<ActionType, ActionExecutor>> = {},
): (type: ActionType) => ActionExecutor {
  return (type) => byType[type] ?? defaultExecutor;
}
