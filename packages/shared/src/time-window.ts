import { z } from 'zod';

export const MAX_WINDOW_MS = 400 * 86_400_000;
export const DEFAULT_WINDOW_MS = 6 * 3_600_000;

/** A query-string instant: epoch milliseconds or ISO 8601. */
export const QueryInstantSchema = z
  .string()
  .min(1)
  .max(40)
  .transform((value, ctx) => {
    const parsed = /^\d{1,16}$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isFinite(parsed) || parsed < 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be epoch milliseconds or an ISO 8601 date-time',
      });
      return z.NEVER;
    }
    return parsed;
  });

export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * A query's optional `from`/`to` as a window: defaults to the last 6 hours; `to` > `from`; span
 * ≤ 400 days. Issues are added to `ctx`, so every query schema with a window judges it alike.
 */
export function resolveQueryWindow(
  value: { from?: number; to?: number },
  ctx: z.RefinementCtx,
): TimeWindow {
  const to = value.to ?? Date.now();
  const from = value.from ?? to - DEFAULT_WINDOW_MS;
  if (to <= from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be later than from' });
  if (to - from > MAX_WINDOW_MS)
    ctx.addIssue({
      code: 'custom',
      path: ['from'],
      message: 'window must span at most 400 days',
    });
  return { from, to };
}

/** Query `from`/`to`, both optional: defaults to the last 6 hours; `to` > `from`; span ≤ 400 days. */
export const TimeWindowQuerySchema = z
  .object({ from: QueryInstantSchema.optional(), to: QueryInstantSchema.optional() })
  .transform((value, ctx): TimeWindow => resolveQueryWindow(value, ctx));
