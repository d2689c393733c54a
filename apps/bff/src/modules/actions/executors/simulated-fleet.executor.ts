import type { ActionType } from '@watchfloor/shared/actions/catalogue';
import { clearFaults } from '../../simulator/simulation.repository.ts';
import type {
  ActionExecutor,
  ExecutionOperation,
  ExecutionOutcome,
  ExecutionRequest,
} from './executor.ts';
import { moveEntityStates } from '../store/targets.repository.ts';

type StateMove = { from: string; to: string };

/** State moves per type and operation; restart and flush act on faults instead. */
function stateMove(
  type: ActionType,
  operation: ExecutionOperation,
  params: Record<string, unknown>,
): StateMove | null {
  const forward: Partial<Record<ActionType, StateMove>> = {
    drain_entity: { from: 'active', to: 'drained' },
    quarantine_entity: { from: 'active', to: 'quarantined' },
    pause_pipeline: { from: 'active', to: 'paused' },
    scale_segment:
      Number(params.replicasDelta ?? 0) < 0
        ? { from: 'active', to: 'drained' }
        : { from: 'drained', to: 'active' },
  };
  const move = forward[type];
  if (!move) return null;
  return operation === 'execute' ? move : { from: move.to, to: move.from };
}

/**
 * The default executor: really changes the simulated fleet, through the action's own transaction.
 * Restart clears the entity's injected faults; flush clears a saturated queue; drain, quarantine,
 * pause and scale move entity states, which the live simulator honours (traffic stops or resumes).
 */
export function createSimulatedFleetExecutor(): ActionExecutor {
  return {
    name: 'simulated-fleet',
    async run(request: ExecutionRequest): Promise<ExecutionOutcome> {
      const ids = request.targets.map((t) => t.id);
      if (request.type === 'restart_entity' || request.type === 'flush_queue') {
        if (request.operation === 'rollback')
          return { ok: false, reason: `${request.type} cannot be rolled back` };
        let cleared = 0;
        for (const id of ids)
          cleared += await clearFaults(
            request.conn,
            id,
            request.now,
            request.type === 'flush_queue' ? ['saturation'] : undefined,
          );
        return {
          ok: true,
          detail: {
            executor: 'simulated-fleet',
            clearedFaults: cleared,
            entities: request.targets.map((t) => t.slug),
          },
        };
      }
      const move = stateMove(request.type, request.operation, request.params);
      if (!move)
        return { ok: false, reason: `the simulated fleet has no effect for ${request.type}` };
      const moved = await moveEntityStates(request.conn, ids, move.from, move.to, request.now);
      if (moved !== ids.length) {
        return {
          ok: false,
          reason: `${ids.length - moved} of ${ids.length} target(s) were no longer ${move.from}; nothing was changed`,
        };
      }
      return {
        ok: true,
        detail: {
          executor: 'simulated-fleet',
          from: move.from,
          to: move.to,
          entities: request.targets.map((t) => t.slug),
        },
      };
    },
  };
}
