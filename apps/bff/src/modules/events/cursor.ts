import { createHmac, timingSafeEqual } from 'node:crypto';

export interface KeysetPosition {
  ts: number;
  id: number;
}

/**
 * Opaque, tamper-checked keyset cursors: the position plus a fingerprint of the query it belongs
 * to, HMAC-signed, so a cursor cannot be forged, edited, or replayed against other filters.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(position: KeysetPosition, queryFingerprint: string): string {
    const payload = Buffer.from(
      JSON.stringify([position.ts, position.id, queryFingerprint]),
    ).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The position, or null when the cursor is malformed, forged or belongs to another query. */
  decode(cursor: string, queryFingerprint: string): KeysetPosition | null {
    const [payload, signature] = cursor.split('.');
    if (!payload || !signature) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const [ts, id, fingerprint] = JSON.parse(
        Buffer.from(payload, 'base64url').toString('utf8'),
      ) as [unknown, unknown, unknown];
      if (
        fingerprint !== queryFingerprint ||
        !Number.isSafeInteger(ts) ||
        !Number.isSafeInteger(id)
      )
        return null;
      return { ts: ts as number, id: id as number };
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 32);
  }
}
