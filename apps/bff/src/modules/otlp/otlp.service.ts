import { ingestEvents, type IngestDeps } from '../ingest/ingest.service.ts';
import type { OtlpTraceRequest } from './otlp-messages.ts';
import type { PartialSuccess } from './otlp-response.ts';
import { mapSpans, tally, type RejectionTally } from './span-mapper.ts';

export interface TraceExportOutcome {
  accepted: number;
  duplicates: number;
  /** SERVER/CONSUMER spans not stored, with why; null when none was refused. */
  partial: PartialSuccess | null;
  skipped: number;
}

const REASONS_SHOWN = 5;

/**
 * Maps the request's spans to request events and stores them through event ingest itself (the
 * same judgement, registry, transaction and rollup marks as JSON events), so a span and an event
 * are indistinguishable from there on. A re-sent batch maps to the same ids and is stored once.
 */
export async function exportTraces(
  deps: IngestDeps,
  request: OtlpTraceRequest,
): Promise<TraceExportOutcome> {
  const mapped = mapSpans(request);
  const result =
    mapped.events.length > 0
      ? await ingestEvents(deps, mapped.events)
      : { accepted: 0, duplicates: 0, rejected: [] };
  for (const rejection of result.rejected) tally(mapped.rejected, rejection.message);
  return {
    accepted: result.accepted,
    duplicates: result.duplicates,
    partial: summarise(mapped.rejected),
    skipped: mapped.skipped,
  };
}

function summarise(rejected: RejectionTally): PartialSuccess | null {
  let rejectedSpans = 0;
  for (const count of rejected.values()) rejectedSpans += count;
  if (rejectedSpans === 0) return null;
  const reasons = [...rejected]
    .sort((a, b) => b[1] - a[1])
    .slice(0, REASONS_SHOWN)
    .map(([reason, count]) => `${reason} (${count})`);
  const more = rejected.size > REASONS_SHOWN ? `; and ${rejected.size - REASONS_SHOWN} more` : '';
  return {
    rejectedSpans,
    errorMessage: `${rejectedSpans} span(s) rejected: ${reasons.join('; ')}${more}`,
  };
}
