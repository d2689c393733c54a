import type { z } from 'zod';
import { INGEST_MAX_FUTURE_MS } from '@watchfloor/shared/ingest';

/** Why one item of a batch was refused: the rejection every ingest route reports per item. */
export interface ItemRejection {
  index: number;
  id?: string;
  code: 'invalid_field' | 'ts_in_future' | 'ts_too_old';
  field: string;
  message: string;
}

/** Which time of an item is bounded (an event's `ts`, a change's `start`), and by what. */
export interface TimeBounds<T> {
  field: string;
  of: (item: T) => number;
  now: number;
  /** The oldest time kept (now − retention). */
  oldest: number;
}

/**
 * Judges one item of a batch alone: its schema (the first issue names the field), then its time,
 * at most 5 minutes ahead and no older than retention. Every ingest route shares this, so a bad
 * item is refused alike whichever route it came through.
 */
export function judgeBatchItem<T extends { id: string }>(
  schema: z.ZodType<T>,
  item: unknown,
  index: number,
  time: TimeBounds<T>,
): T | ItemRejection {
  const parsed = schema.safeParse(item);
  if (!parsed.success) {
    const rawId = (item as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId.slice(0, 64) : undefined;
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(item)';
    return {
      index,
      ...(id ? { id } : {}),
      code: 'invalid_field',
      field,
      message: `${field}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const value = parsed.data;
  const at = time.of(value);
  if (at > time.now + INGEST_MAX_FUTURE_MS)
    return {
      index,
      id: value.id,
      code: 'ts_in_future',
      field: time.field,
      message: `${time.field}: more than 5 minutes in the future`,
    };
  if (at < time.oldest)
    return {
      index,
      id: value.id,
      code: 'ts_too_old',
      field: time.field,
      message: `${time.field}: older than the retention period`,
    };
  return value;
}
