import type { Context } from 'hono';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Quality } from '@watchfloor/shared/quality';
import type { AppEnv } from '../../http/app-env.ts';
import { envelope } from '../../http/envelope.ts';

export interface ReadAnswer {
  data: unknown;
  quality: Quality;
  resolution: Resolution | null;
}

interface Prepared {
  /** `{"data":…,"quality":…,"meta":` serialised once; each response appends its own meta. */
  head: Buffer;
  resolution: Resolution | null;
}

/**
 * Identical reads that arrive while one is being answered wait for that answer instead of
 * computing it again: with many operators on the same view, 50 concurrent requests cost one
 * computation and one serialisation. Nothing is kept once the answer is out, so a response is
 * at most one computation older than its request; every response still has its own meta
 * (request id, time). Answers do not depend on who asks (every role that may call these routes
 * sees the same data), and a failure reaches every waiting request as its own error.
 */
export class CoalescedReads {
  private readonly inFlight = new Map<string, Promise<Prepared>>();

  async respond(c: Context<AppEnv>, compute: () => Promise<ReadAnswer>): Promise<Response> {
    const key = c.req.url;
    let prepared = this.inFlight.get(key);
    if (!prepared) {
      const started = compute().then((answer) => ({
        head: Buffer.from(`{"data":${JSON.stringify(answer.data)},"quality":${JSON.stringify(answer.quality)},"meta":`),
        resolution: answer.resolution,
      }));
      prepared = started;
      this.inFlight.set(key, started);
      const forget = () => this.inFlight.get(key) === started && this.inFlight.delete(key);
      started.then(forget, forget);
    }
    const { head, resolution } = await prepared;
    // The same text c.json(envelope(…)) writes, with this request's meta.
    const { meta } = envelope(c, null, {} as Quality, resolution);
    return c.body(Buffer.concat([head, Buffer.from(`${JSON.stringify(meta)}}`)]), 200, { 'Content-Type': 'application/json' });
  }
}
