import { ASSIST_RULES } from '@watchfloor/shared/assist';
import type { Compared } from './inputs.ts';
import { meanLatency, ratio } from './stats.ts';

/** How much worse a scope is in the window than its baseline predicts. */
export interface Excess {
  baselineRatio: number;
  ratioNow: number;
  /** Errors now − requests now × baseline error ratio (may be negative). */
  errors: number;
  baselineMeanMs: number | null;
  meanNowMs: number | null;
  /** Mean latency now − baseline mean latency; null when either side has no samples. */
  addedMsPerRequest: number | null;
  /** Latency samples now × added ms: the total extra latency the members share. */
  addedMsTotal: number;
  hasErrorExcess: boolean;
  hasLatencyExcess: boolean;
}

export function excessOf(c: Compared): Excess {
  const baselineRatio = ratio(c.before.errors, c.before.requests);
  const errors = c.now.errors - c.now.requests * baselineRatio;
  const baselineMeanMs = meanLatency(c.before);
  const meanNowMs = meanLatency(c.now);
  const addedMsPerRequest =
    baselineMeanMs !== null && meanNowMs !== null ? meanNowMs - baselineMeanMs : null;
  return {
    baselineRatio,
    ratioNow: ratio(c.now.errors, c.now.requests),
    errors,
    baselineMeanMs,
    meanNowMs,
    addedMsPerRequest,
    addedMsTotal: addedMsPerRequest === null ? 0 : addedMsPerRequest * c.now.latencyCount,
    hasErrorExcess: errors >= ASSIST_RULES.minExcessErrors,
    hasLatencyExcess:
      addedMsPerRequest !== null && addedMsPerRequest >= ASSIST_RULES.minExcessLatencyMsPerRequest,
  };
}
