import { signWebhook, verifyWebhookSignature } from '../actions/executors/webhook.executor.ts';

export const NOTIFICATION_ID_HEADER = 'x-watchfloor-notification-id';
export const NOTIFICATION_TIMESTAMP_HEADER = 'x-watchfloor-timestamp';
export const NOTIFICATION_SIGNATURE_HEADER = 'x-watchfloor-signature';

/**
 * The headers of one delivery attempt. The signature is the action webhook's scheme:
 * `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`, the timestamp (epoch ms)
 * repeated in its own header; the id is the same on every attempt.
 */
export function notificationHeaders(
  secret: string,
  id: string,
  body: string,
  timestamp: number,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    [NOTIFICATION_ID_HEADER]: id,
    [NOTIFICATION_TIMESTAMP_HEADER]: String(timestamp),
    [NOTIFICATION_SIGNATURE_HEADER]: signWebhook(secret, body, timestamp),
  };
}

/** What a receiver does: recompute the HMAC over the raw body and refuse stale timestamps. */
export function verifyNotification(
  secret: string,
  signatureHeader: string,
  rawBody: string,
  now: number,
): boolean {
  return verifyWebhookSignature(secret, signatureHeader, rawBody, now);
}
