import type { ActionTargetRef } from '@watchfloor/shared/actions/api';
import type { ActionType } from '@watchfloor/shared/actions/catalogue';
import type { PoolConnection } from '../../../db/pool.ts';
import type { ActionRecord } from '../store/actions.repository.ts';

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

/** The request to carry out (or undo) an action, from its stored record and exact targets. */
export function executionRequest(
  record: Pick<ActionRecord, 'id' | 'type' | 'targetKind' | 'targetSlug' | 'params'>,
  operation: ExecutionOperation,
  targets: { id: number; slug: string }[],
  conn: PoolConnection,
  now: number,
): ExecutionRequest {
  return {
    actionId: record.id,
    operation,
    type: record.type,
    target: { kind: record.targetKind, id: record.targetSlug },
    targets: targets.map(({ id, slug }) => ({ id, slug })),
    params: record.params,
    conn,
    now,
  };
}

/** An executor that threw did not observe its effect: that is a failure, with the error as its reason. */
export function executorThrew(executor: ActionExecutor, error: unknown): ExecutionOutcome {
  return { ok: false, reason: `${executor.name} executor error: ${(error as Error).message}` };
}
