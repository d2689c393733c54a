import { z } from 'zod';
import { ActionTargetRefSchema } from './actions/api.ts';
import { ActionTypeSchema } from './actions/catalogue.ts';
import { ActionStateSchema } from './actions/states.ts';

/**
 * What an outgoing notification announces. `action.proposed` is sent only for a proposal that
 * waits for approval; `action.expiring` once, five minutes before a proposal expires.
 */
export const NOTIFICATION_TYPES = [
  'action.proposed',
  'action.approved',
  'action.rejected',
  'action.executed',
  'action.failed',
  'action.cancelled',
  'action.rolled_back',
  'action.expiring',
] as const;
export const NotificationTypeSchema = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof NotificationTypeSchema>;

/** The action a notification is about, as it was when the notification was written. */
export const NotificationActionSchema = z.object({
  id: z.number().int().positive(),
  type: ActionTypeSchema,
  target: ActionTargetRefSchema,
  state: ActionStateSchema,
});

/**
 * The JSON body POSTed to every WATCHFLOOR_NOTIFY_URL. `id` is stable across retries (receivers
 * deduplicate on it); `text` is one plain sentence a chat tool can show as is; `link` opens the
 * action in the SPA; `occurredAt` is the database time of the transition (epoch ms).
 */
export const NotificationBodySchema = z.object({
  id: z.string().uuid(),
  type: NotificationTypeSchema,
  action: NotificationActionSchema,
  link: z.string().url(),
  text: z.string().min(1),
  occurredAt: z.number().int(),
});
export type NotificationBody = z.infer<typeof NotificationBodySchema>;

/** Delivery state of an outbox row; `unconfigured`: it fell due while no URL was set, and is never sent. */
export const NOTIFICATION_STATES = ['pending', 'delivered', 'failed', 'unconfigured'] as const;
export const NotificationStateSchema = z.enum(NOTIFICATION_STATES);
export type NotificationState = z.infer<typeof NotificationStateSchema>;

/** `GET /api/v1/notifications` (admin): newest first, filtered by delivery state. */
export const NotificationListQuerySchema = z.strictObject({
  state: NotificationStateSchema.default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

export const NotificationDeliverySchema = z.object({
  id: z.string(),
  type: NotificationTypeSchema,
  actionId: z.number().int().positive(),
  text: z.string(),
  state: NotificationStateSchema,
  attempts: z.number().int().min(0),
  createdAt: z.number().int(),
  nextAttemptAt: z.number().int().nullable(),
  deliveredAt: z.number().int().nullable(),
  /** URLs that answered 2xx (a row is delivered when every configured URL did). */
  deliveredTo: z.array(z.string()),
  lastError: z.string().nullable(),
});
export type NotificationDelivery = z.infer<typeof NotificationDeliverySchema>;

export const NotificationListSchema = z.object({
  notifications: z.array(NotificationDeliverySchema),
});
export type NotificationList = z.infer<typeof NotificationListSchema>;
