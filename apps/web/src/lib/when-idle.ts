/**
 * Runs work once the browser is idle, and within `timeout` ms at the latest. Browsers without
 * requestIdleCallback (Safari) run it after a short delay instead, so it still happens off the
 * frame that asked for it.
 */
export function whenIdle(run: () => void, timeout: number): void {
  if (typeof window.requestIdleCallback === 'function')
    window.requestIdleCallback(run, { timeout });
  else window.setTimeout(run, Math.min(200, timeout));
}
