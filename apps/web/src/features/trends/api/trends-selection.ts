import { QueryInstantSchema } from '@watchfloor/shared/time-window';
import type { TrendsSelection } from './get-trends.ts';

/** The period in the URL; anything unreadable falls back to 30 days, the SLO budget period. */
export function readTrendsSelection(params: URLSearchParams): TrendsSelection {
  const period = params.get('period');
  if (period === '7d' || period === '30d' || period === '90d') return { period };
  if (period === 'custom') {
    const from = QueryInstantSchema.safeParse(params.get('from') ?? '');
    const to = QueryInstantSchema.safeParse(params.get('to') ?? '');
    if (from.success && to.success && to.data > from.data)
      return { period: 'custom', from: from.data, to: to.data };
  }
  return { period: '30d' };
}

export function trendsSearch(selection: TrendsSelection): URLSearchParams {
  return new URLSearchParams(
    selection.period === 'custom'
      ? { period: 'custom', from: String(selection.from), to: String(selection.to) }
      : { period: selection.period },
  );
}
