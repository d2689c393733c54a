import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import type { ActionExecutor, ExecutionOutcome, ExecutionRequest } from './executor.ts';

export interface WebhookOptions {
  url: string;
  /** HMAC-SHA256 key shared with the receiver. */
  secret: string;
  timeoutMs?: number;
  maxAttempts?: number;
  backoffMs?: number;
  fetch?: typeof fetch;
}

export const SIGNATURE_HEADER = 'x-watchfloor-signature';

/** `t=<epoch ms>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the receiver recomputes it and checks the time. */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  now: number,
  toleranceMs = 5 * 60_000,
): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match || Math.abs(now - Number(match[1])) > toleranceMs) return false;
  const expected = Buffer.from(signWebhook(secret, body, Number(match[1])).split('v1=')[1]!, 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

const RETRYABLE = (status: number) => status >= 500 || status === 408 || status === 429;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Carries actions out by POSTing them to a downstream system. The action id and operation form the
 * Idempotency-Key, so the receiver applies a retried delivery once. Each attempt has a timeout;
 * timeouts, network errors, 408, 429 and 5xx are retried a bounded number of times with backoff;
 * other answers are final. Success is reported only for a 2xx the executor received.
 */
export function createWebhookExecutor(options: WebhookOptions): ActionExecutor {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const backoffMs = options.backoffMs ?? 250;
  const send = options.fetch ?? fetch;
  return {
    name: 'webhook',
    async run(request: ExecutionRequest): Promise<ExecutionOutcome> {
      const body = canonicalJson({
        actionId: request.actionId,
        operation: request.operation,
        type: request.type,
        target: request.target,
        targets: request.targets.map((t) => t.slug),
        params: request.params,
      });
      const idempotencyKey = `watchfloor-action-${request.actionId}-${request.operation}`;
      let lastProblem = 'not attempted';
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
        try {
          const response = await send(options.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'idempotency-key': idempotencyKey,
              [SIGNATURE_HEADER]: signWebhook(options.secret, body, Date.now()),
            },
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
          const text = (await response.text()).slice(0, 500);
          if (response.ok)
            return {
              ok: true,
              detail: {
                executor: 'webhook',
                status: response.status,
                attempts: attempt,
                response: text,
              },
            };
          lastProblem = `HTTP ${response.status}${text ? `: ${text}` : ''}`;
          if (!RETRYABLE(response.status))
            return { ok: false, reason: `webhook refused the action (${lastProblem})` };
        } catch (error) {
          const name = (error as Error).name;
          lastProblem =
            name === 'TimeoutError' || name === 'AbortError'
              ? `no answer within ${timeoutMs} ms`
              : (error as Error).message;
        }
      }
      return {
        ok: false,
        reason: `webhook failed after ${maxAttempts} attempt(s): ${lastProblem}`,
      };
    },
  };
}
