import type { Evidence } from '@watchfloor/shared/actions/api';
import { formatInstant } from '../../../lib/time-window.ts';

/** Resolves paths only; the host never reaches the link. */
const BASE = 'https://watchfloor.invalid';

/**
 * The proposer's view pinned to the window they looked at. Their address may say "last 6 h",
 * which would show whatever the last 6 h are when the approver clicks; the evidence's absolute
 * window replaces it, and every other parameter (filters, compare) is kept. Only an address inside
 * this app is linked: anything else (another origin, a script URL) gives null.
 */
export function evidenceHref(evidence: Pick<Evidence, 'viewUrl' | 'window'>): string | null {
  const { viewUrl, window } = evidence;
  if (!viewUrl.startsWith('/') || viewUrl.startsWith('//')) return null;
  const url = new URL(viewUrl, BASE);
  if (url.origin !== BASE) return null;
  url.searchParams.delete('range');
  url.searchParams.set('from', formatInstant(window.from));
  url.searchParams.set('to', formatInstant(window.to));
  return `${url.pathname}?${url.searchParams.toString()}${url.hash}`;
}
