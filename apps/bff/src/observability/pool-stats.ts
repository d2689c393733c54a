import type { Pool } from '../db/pool.ts';

interface PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/** mysql2 keeps its counts on the underlying callback pool; they are read only for metrics. */
export function poolStats(pool: Pool): { total: number; free: number; queued: number } {
  const inner = (pool as unknown as { pool?: PoolInternals }).pool ?? {};
  return {
    total: inner._allConnections?.length ?? 0,
    free: inner._freeConnections?.length ?? 0,
    queued: inner._connectionQueue?.length ?? 0,
  };
}
