import { z } from 'zod';
import { parseAgo, parseSpan, spanHint } from './time-expression.ts';

export const MAX_WINDOW_MS = 400 * 86_400_000;
export const DEFAULT_WINDOW_MS = 6 * 3_600_000;

/**
 * A query-string instant: epoch milliseconds, ISO 8601, or relative to the server's clock as
 * Grafana writes it (`now`, `now-3h`; m, h, d, w).
 */
export const QueryInstantSchema = z
  .string()
  .min(1)
  .max(40)
  .transform((value, ctx) => {
    const ago = parseAgo(value);
    if (ago !== null) return Date.now() - ago;
    const parsed = /^\d{1,16}$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isFinite(parsed) || parsed < 0) {
      const hint = spanHint(value);
      ctx.addIssue({
        code: 'custom',
        message: `must be epoch milliseconds, an ISO 8601 date-time, or now / now-3h${hint ? ` (${hint})` : ''}`,
      });
      return z.NEVER;
    }
    return parsed;
  });

export interface TimeWindow {
  from: number;
  to: number;
}

/** A query-string length ending at `to`, as the app's own addresses carry it: `6h`, `90m`, `2d`. */
export const QueryRangeSchema = z
  .string()
  .max(20)
  .transform((value, ctx) => {
    const span = parseSpan(value);
    if (span !== null) return span;
    const hint = spanHint(value);
    ctx.addIssue({
      code: 'custom',
      message: `must be a length such as 6h, 90m or 2d${hint ? ` (${hint})` : ''}`,
    });
    return z.NEVER;
  });

/**
 * A query's optional `from`/`to` (or `range`, a length ending at `to`) as a window: defaults to
 * the last 6 hours; `to` > `from`; span ≤ 400 days. Issues are added to `ctx`, so every query
 * schema with a window judges it alike.
 */
export function resolveQueryWindow(
  value: { from?: number; to?: number; range?: number },
  ctx: z.RefinementCtx,
): TimeWindow {
  if (value.range !== undefined && value.from !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['range'],
      message: 'give either range or from, not both',
    });
  const to = value.to ?? Date.now();
  const from = value.from ?? to - (value.range ?? DEFAULT_WINDOW_MS);
  if (to <= from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be later than from' });
  if (to - from > MAX_WINDOW_MS)
    ctx.addIssue({
      code: 'custom',
      path: [value.range !== undefined && value.from === undefined ? 'range' : 'from'],
      message: 'window must span at most 400 days',
    });
  return { from, to };
}

/**
 * Query `from`/`to` or `range`, all optional: defaults to the last 6 hours; `to` > `from`; span
 * ≤ 400 days.
 */
export const TimeWindowQuerySchema = z
  .object({
    from: QueryInstantSchema.optional(),
    to: QueryInstantSchema.optional(),
    range: QueryRangeSchema.optional(),
  })
  .transform((value, ctx): TimeWindow => resolveQueryWindow(value, ctx));
