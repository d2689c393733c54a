import { z } from 'zod';

/**
 * Alertmanager's webhook payload, version 4 (prometheus/alertmanager notify/webhook). Unknown
 * fields are ignored: Alertmanager adds fields within a version.
 */
export const AlertmanagerAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()).default({}),
  startsAt: z.string().min(1),
  endsAt: z.string().default('0001-01-01T00:00:00Z'),
  generatorURL: z.string().max(2_000).default(''),
  fingerprint: z.string().min(1).max(64),
});
export type AlertmanagerAlert = z.infer<typeof AlertmanagerAlertSchema>;

export const AlertmanagerWebhookSchema = z.object({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().nonnegative().default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().default(''),
  groupLabels: z.record(z.string(), z.string()).default({}),
  commonLabels: z.record(z.string(), z.string()).default({}),
  commonAnnotations: z.record(z.string(), z.string()).default({}),
  externalURL: z.string().default(''),
  alerts: z.array(z.unknown()).max(10_000),
});
export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhookSchema>;

export const AlertWebhookResultSchema = z.object({
  /** Episodes opened by this notification. */
  opened: z.number().int().nonnegative(),
  /** Episodes closed by this notification. */
  resolved: z.number().int().nonnegative(),
  /** Alerts that changed nothing (re-sent, or sent by the other Alertmanager of an HA pair). */
  unchanged: z.number().int().nonnegative(),
  rejected: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      fingerprint: z.string().optional(),
      field: z.string(),
      message: z.string(),
    }),
  ),
});
export type AlertWebhookResult = z.infer<typeof AlertWebhookResultSchema>;
