import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The client's address: the socket peer, unless that peer is a configured trusted proxy, in which
 * case the right-most X-Forwarded-For entry that is not itself a trusted proxy. A client cannot
 * choose its own address by sending the header directly.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  let peer = 'unknown';
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket (in-process requests in tests): there is no address to trust.
  }
  peer = peer.replace(/^::ffff:/, '');
  if (!trustedProxies.includes(peer)) return peer;
  const chain = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim().replace(/^::ffff:/, ''))
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--)
    if (!trustedProxies.includes(chain[i]!)) return chain[i]!;
  return peer;
}
