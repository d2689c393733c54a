import { ErrorEnvelopeSchema } from '@watchfloor/shared/errors';
import { z } from 'zod';
import type { RawResponse } from './raw-http.ts';

const OtlpStatusSchema = z.object({ code: z.number().int(), message: z.string() });

/** Headers every response must carry; HSTS is added when the server runs with WATCHFLOOR_HTTPS=1. */
export const REQUIRED_HEADERS: Record<string, (value: string) => boolean> = {
  'content-security-policy': (v) =>
    v.includes("default-src 'self'") && v.includes("frame-ancestors 'none'"),
  'x-content-type-options': (v) => v === 'nosniff',
  'x-frame-options': (v) => v === 'DENY',
  'referrer-policy': (v) => v.length > 0,
  'cross-origin-opener-policy': (v) => v === 'same-origin',
};

/**
 * What leaks when an error escapes the handler: stack frames and driver codes. SQL words alone are
 * not a sign, since a 404 rightly quotes the hostile id it was given.
 */
const LEAK = /(\bat \S+ \(\S+:\d+:\d+\)|\.ts:\d+|\bER_[A-Z_]+\b|sqlMessage|sqlState|node_modules)/;

/** Counts requests per class and status, and every broken promise, with enough detail to reproduce it. */
export class Tally {
  readonly perClass = new Map<string, number>();
  readonly statuses = new Map<number, number>();
  readonly violations: string[] = [];
  private readonly https: boolean;

  constructor(options: { https?: boolean } = {}) {
    this.https = options.https ?? false;
  }

  /** Records one response; checks headers, the error envelope on 4xx/5xx, no 5xx and no leaks. */
  observe(
    cls: string,
    what: string,
    response: RawResponse,
    expectStatus?: readonly number[],
    options: { head?: boolean; errorBody?: 'envelope' | 'otlp-status' } = {},
  ): RawResponse {
    this.perClass.set(cls, (this.perClass.get(cls) ?? 0) + 1);
    this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
    if (expectStatus && !expectStatus.includes(response.status))
      this.fail(
        cls,
        what,
        `status ${response.status}, expected ${expectStatus.join('/')}: ${response.body.slice(0, 200)}`,
      );
    const twoOrFour =
      (response.status >= 200 && response.status < 300) ||
      (response.status >= 400 && response.status < 500);
    if (!expectStatus && !twoOrFour)
      this.fail(
        cls,
        what,
        `status ${response.status} (only 2xx/4xx allowed): ${response.body.slice(0, 200)}`,
      );
    this.checkHeaders(cls, what, response);
    // A HEAD answer has no body by definition; its headers must still say it is the JSON envelope.
    if (
      response.status >= 400 &&
      options.head &&
      !String(response.headers['content-type']).startsWith('application/json')
    )
      this.fail(cls, what, `HEAD ${response.status} is not JSON`);
    if (response.status >= 400 && !options.head) {
      if (options.errorBody === 'otlp-status') this.checkOtlpStatus(cls, what, response);
      else this.checkEnvelope(cls, what, response);
    }
    if (LEAK.test(response.body) && response.status >= 400)
      this.fail(cls, what, `error body leaks internals: ${response.body.slice(0, 200)}`);
    return response;
  }

  checkHeaders(cls: string, what: string, response: RawResponse): void {
    for (const [name, ok] of Object.entries(REQUIRED_HEADERS)) {
      const value = response.headers[name];
      if (typeof value !== 'string' || !ok(value))
        this.fail(cls, what, `missing or wrong ${name} on ${response.status}`);
    }
    const hsts = response.headers['strict-transport-security'];
    if (this.https && !(typeof hsts === 'string' && /max-age=\d{7,}/.test(hsts)))
      this.fail(cls, what, `no HSTS on ${response.status}`);
  }

  private checkEnvelope(cls: string, what: string, response: RawResponse): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      this.fail(cls, what, `${response.status} body is not JSON: ${response.body.slice(0, 120)}`);
      return;
    }
    if (!ErrorEnvelopeSchema.safeParse(parsed).success)
      this.fail(
        cls,
        what,
        `${response.status} without the error envelope: ${response.body.slice(0, 160)}`,
      );
  }

  /**
   * OTLP/HTTP's error body: google.rpc.Status, as JSON `{ code, message }` or as protobuf (then only
   * its media type is checked: the raw answer is read as text here).
   */
  private checkOtlpStatus(cls: string, what: string, response: RawResponse): void {
    const type = String(response.headers['content-type'] ?? '');
    if (type.startsWith('application/x-protobuf')) {
      if (response.body.length === 0) this.fail(cls, what, `${response.status} with no Status`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      this.fail(cls, what, `${response.status} body is not JSON: ${response.body.slice(0, 120)}`);
      return;
    }
    if (!OtlpStatusSchema.safeParse(parsed).success)
      this.fail(cls, what, `${response.status} without a Status: ${response.body.slice(0, 160)}`);
  }

  fail(cls: string, what: string, message: string): void {
    this.violations.push(`[${cls}] ${what}: ${message}`);
  }

  /** Counts a check that did not go through HTTP (a database comparison, a browser observation). */
  count(cls: string, n = 1): void {
    this.perClass.set(cls, (this.perClass.get(cls) ?? 0) + n);
  }

  total(): number {
    return [...this.perClass.values()].reduce((a, b) => a + b, 0);
  }
}
