import type { Quality } from '@watchfloor/shared/quality';

/**
 * The quality block for records written transactionally (actions, audit): they have no rollup
 * pipeline between write and read, so they are complete and current the moment they commit.
 */
export function transactionalQuality(): Quality {
  return { state: 'ok', freshnessLagSeconds: 0, completeness: 1, watermark: null, reasons: [] };
}
