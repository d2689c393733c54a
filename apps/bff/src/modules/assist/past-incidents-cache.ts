import type { PastIncidentsRead } from './past-incidents-input.ts';

/** How long one search of a scope's past incidents is shared. */
export const PAST_INCIDENTS_SHARED_MS = 60_000;
const MAX_ENTRIES = 128;

/**
 * Past incidents (30 days of incident search and a signature per incident) are the costly read of
 * a Why? answer and change only as late data lands before the window. One search per scope and
 * window start is shared for a minute; concurrent askers await the same search; a failed search
 * is not kept.
 */
export class PastIncidentsCache {
  private readonly entries = new Map<string, { at: number; value: Promise<PastIncidentsRead> }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, search: () => Promise<PastIncidentsRead>): Promise<PastIncidentsRead> {
    const at = this.now();
    const hit = this.entries.get(key);
    if (hit && at - hit.at < PAST_INCIDENTS_SHARED_MS) return hit.value;
    const value = search();
    const entry = { at, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }
}
