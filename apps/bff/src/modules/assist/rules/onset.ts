import { ASSIST_RULES, type AssistEvidence, type AssistFinding } from '@watchfloor/shared/assist';
import { bandScore, baselineWindow, rollupEvidence, type CheckContext } from './evidence.ts';
import type { Minute } from './inputs.ts';
import { clock, count, fixed, meanLatency, ms, ratio } from './stats.ts';

const MINUTE = 60_000;
/** A minute needs at least this many errors above expectation, so a baseline of 0 errors still has a band. */
export const ONSET_MIN_EXTRA_ERRORS = 2;
/** Latency band: baseline mean + the larger of minExcessLatencyMsPerRequest and this share of it. */
export const ONSET_LATENCY_BAND_SHARE = 0.5;

export interface OnsetVerdict {
  findings: AssistFinding[];
  /** Start of the first minute of the run, when there is one. */
  onsetTs?: number;
}

interface Band {
  measure: 'errors' | 'latency';
  above(minute: Minute): boolean;
  /** The band's upper edge for that minute (errors or ms). */
  edge(minute: Minute): number;
}

function bands(ctx: CheckContext): Band[] {
  const base = ctx.inputs.baselinePerMinute;
  const p0 = ratio(base.errors, base.requests);
  const errorEdge = (m: Minute) =>
    m.requests * p0 + Math.max(3 * Math.sqrt(m.requests * p0 * (1 - p0)), ONSET_MIN_EXTRA_ERRORS);
  const result: Band[] = [
    { measure: 'errors', edge: errorEdge, above: (m) => m.requests > 0 && m.errors > errorEdge(m) },
  ];
  const m0 = meanLatency(base);
  if (m0 !== null) {
    const edge =
      m0 + Math.max(ASSIST_RULES.minExcessLatencyMsPerRequest, ONSET_LATENCY_BAND_SHARE * m0);
    result.push({
      measure: 'latency',
      edge: () => edge,
      above: (m) => m.latencyCount > 0 && m.latencySum / m.latencyCount > edge,
    });
  }
  return result;
}

/** Index of the first minute of the first run of consecutive minutes above the band, or -1. */
function firstRun(minutes: Minute[], band: Band): number {
  let start = -1;
  for (let i = 0; i < minutes.length; i += 1) {
    const minute = minutes[i];
    const previous = minutes[i - 1];
    if (!minute || !band.above(minute)) {
      start = -1;
      continue;
    }
    if (start === -1 || !previous || minute.ts - previous.ts !== MINUTE) start = i;
    if (i - start + 1 >= ASSIST_RULES.onsetMinRunMinutes) return start;
  }
  return -1;
}

/** Onset: the first minute of the first run of `onsetMinRunMinutes` minutes above the baseline band. */
export function onset(ctx: CheckContext): OnsetVerdict {
  const { minutes, scope } = ctx.inputs;
  if (minutes.length === 0)
    return {
      findings: [
        {
          check: 'onset',
          interesting: false,
          title: 'Onset not judged',
          message: 'The window has no minute rollups (windows over 7 days are read by the hour).',
          score: 0,
          evidence: [],
        },
      ],
    };
  const runs = bands(ctx)
    .map((band) => ({ band, index: firstRun(minutes, band) }))
    .filter((run) => run.index >= 0)
    .map((run) => ({ ...run, minute: minutes[run.index] as Minute }))
    .sort((a, b) => a.minute.ts - b.minute.ts);
  const first = runs[0];
  if (!first)
    return {
      findings: [
        {
          check: 'onset',
          interesting: false,
          title: 'No onset: no run of minutes above the baseline band',
          message: `Checked ${minutes.length} minutes for ${ASSIST_RULES.onsetMinRunMinutes} in a row above the baseline band (errors or mean latency).`,
          score: 0,
          evidence: [baselineRatioEvidence(ctx)],
        },
      ],
    };
  const { minute, band } = first;
  const minuteWindow = { from: minute.ts, to: minute.ts + MINUTE };
  const value = band.measure === 'errors' ? minute.errors : (meanLatency(minute) ?? 0);
  const shown =
    band.measure === 'errors'
      ? `${count(minute.errors)} errors in ${count(minute.requests)} requests (band: ${fixed(band.edge(minute))})`
      : `mean latency ${ms(value)} (band: ${ms(band.edge(minute))})`;
  return {
    onsetTs: minute.ts,
    findings: [
      {
        check: 'onset',
        interesting: true,
        title: `It began at ${clock(minute.ts)} (${band.measure})`,
        message: `First minute of ${ASSIST_RULES.onsetMinRunMinutes} or more in a row above the baseline band: ${shown}.`,
        score: bandScore('onset', 0.5),
        subject: { kind: 'minute', id: new Date(minute.ts).toISOString() },
        evidence: [
          // A one-minute window is always cited from the minute rollups (rollupSourceFor).
          rollupEvidence(
            ctx,
            scope,
            minuteWindow,
            band.measure === 'errors' ? 'errors' : 'mean latency ms',
            value,
          ),
          rollupEvidence(ctx, scope, minuteWindow, 'requests', minute.requests),
          rollupEvidence(ctx, scope, minuteWindow, 'band edge', band.edge(minute)),
          baselineRatioEvidence(ctx),
        ],
      },
    ],
  };
}

/** The baseline's error ratio, the band's anchor, cited on every onset finding. */
function baselineRatioEvidence(ctx: CheckContext): AssistEvidence {
  const { scope, baselinePerMinute } = ctx.inputs;
  return rollupEvidence(
    ctx,
    scope,
    baselineWindow(ctx.inputs),
    'baseline error ratio',
    ratio(baselinePerMinute.errors, baselinePerMinute.requests),
  );
}
