import type { Pool } from '../../db/pool.ts';

/** The calls that run a statement or take a connection: each goes to the next read address. */
const ROUTED = new Set<PropertyKey>(['query', 'execute', 'getConnection']);

type Method = (...args: unknown[]) => unknown;

/**
 * One Pool over several read addresses, round-robin per call, skipping addresses `usable` rejects
 * (a node known to be outside the primary component) while another remains; with none left it
 * tries them all, so a refusal still reaches the caller as the node's own error. `end` closes all.
 */
export function spreadReads(pools: readonly Pool[], usable: (pool: Pool) => boolean): Pool {
  const [first] = pools;
  if (!first) throw new Error('spreadReads needs at least one pool');
  if (pools.length === 1) return first;
  let turn = 0;
  const next = (): Pool => {
    const open = pools.filter(usable);
    const from = open.length > 0 ? open : pools;
    turn = (turn + 1) % Number.MAX_SAFE_INTEGER;
    return from[turn % from.length]!;
  };
  return new Proxy(first, {
    get(target, prop, receiver) {
      if (ROUTED.has(prop))
        return (...args: unknown[]) => {
          const pool = next();
          return Reflect.apply(Reflect.get(pool, prop) as Method, pool, args);
        };
      if (prop === 'end')
        return () => Promise.all(pools.map((pool) => pool.end())).then(() => undefined);
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
