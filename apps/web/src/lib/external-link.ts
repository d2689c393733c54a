/**
 * A link that leaves Watchfloor (a change's page, an alert's source, a trace) when it is an
 * http(s) URL; null otherwise. Senders supply these URLs, so nothing else (`javascript:`, `data:`)
 * is ever made clickable.
 */
export function externalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Opens an outside page in a new tab that cannot reach back into this one (rel=noopener). */
export function openExternal(url: string): void {
  const safe = externalUrl(url);
  if (safe) window.open(safe, '_blank', 'noopener,noreferrer');
}
