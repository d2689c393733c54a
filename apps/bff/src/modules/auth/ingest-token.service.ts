import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from '../../db/pool.ts';
import {
  findActiveTokenByHash,
  upsertToken,
  type IngestTokenRow,
} from './ingest-token.repository.ts';

export const INGEST_SCOPE = 'ingest:write';

/** Tokens carry 256 random bits, so a plain SHA-256 is enough to store them safely. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generateToken(): string {
  return `wf_ingest_${randomBytes(32).toString('base64url')}`;
}

export async function createIngestToken(
  pool: Pool,
  name: string,
  token = generateToken(),
): Promise<string> {
  await upsertToken(pool, name, hashToken(token), [INGEST_SCOPE], Date.now());
  return token;
}

/**
 * Verifies bearer tokens with a short positive cache, so a busy sender does not cost a query per
 * batch; a revoked token stops working within the cache lifetime.
 */
export class IngestTokenVerifier {
  private readonly cache = new Map<string, { token: IngestTokenRow; until: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly cacheMs = 10_000,
  ) {}

  async verify(bearer: string, scope: string): Promise<IngestTokenRow | null> {
    const hash = hashToken(bearer);
    const cached = this.cache.get(hash);
    const now = Date.now();
    let token = cached && cached.until > now ? cached.token : null;
    if (!token) {
      token = await findActiveTokenByHash(this.pool, hash);
      if (token) this.cache.set(hash, { token, until: now + this.cacheMs });
    }
    return token && token.scopes.includes(scope) ? token : null;
  }
}
