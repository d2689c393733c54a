import type { Context } from 'hono';
import type { Quality } from '@watchfloor/shared/quality';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { AppEnv } from './app-env.ts';

/** The success shape of every read: data, its quality, and how it was produced. */
export function envelope<T>(
  c: Context<AppEnv>,
  data: T,
  quality: Quality,
  resolution: Resolution | null = null,
) {
  return {
    data,
    quality,
    meta: { resolution, generatedAt: Date.now(), requestId: c.get('requestId') },
  };
}
