import type { PreconditionResult } from '@watchfloor/shared/actions/api';
import type { Quality } from '@watchfloor/shared/quality';
import { QUALITY_LOOK } from '../../../components/quality-look.ts';

interface Props {
  /** The target's data quality from the answer at hand (dry run, proposal, action detail, or the view). */
  quality: Quality | undefined;
  /** Over what the quality was judged, in words: "the policy's recent window", "this view's window". */
  judgedOver: string;
  /** The policy's data_quality check, when the answer carries one: whether quality lets this proceed. */
  check?: PreconditionResult | undefined;
}

/** Finds the policy's data-quality check among an evaluation's results. */
export function dataQualityCheck(
  results: readonly PreconditionResult[] | undefined,
): PreconditionResult | undefined {
  return results?.find((result) => result.code === 'data_quality');
}

/**
 * The target's data quality in words beside the button that acts on it: state, every reason, and
 * what the policy makes of it. Nobody should act on evidence without seeing how far it holds.
 */
export function TargetDataQuality({ quality, judgedOver, check }: Props) {
  if (!quality)
    return (
      <p className="target-quality muted" aria-busy="true">
        Target data quality: being checked…
      </p>
    );
  const look = QUALITY_LOOK[quality.state];
  const reasons = quality.reasons.filter((reason) => reason.severity !== 'ok');
  return (
    <section
      aria-label="Quality of the target's data"
      className="target-quality"
      data-quality={quality.state}
      style={{ borderColor: look.color }}
    >
      <p>
        Target data ({judgedOver}):{' '}
        <strong style={{ color: look.color }}>
          <span aria-hidden="true">{look.icon} </span>
          {look.title}
        </strong>
        {reasons.length === 0 && ' — complete and current.'}
      </p>
      {reasons.length > 0 && (
        <ul aria-label="Why the target's data is not ok">
          {reasons.map((reason, i) => (
            <li key={`${reason.code}-${i}`} data-severity={reason.severity}>
              {reason.message}
            </li>
          ))}
        </ul>
      )}
      {check && (
        <p data-testid="data-quality-check" data-passed={check.passed}>
          <span aria-hidden="true">{check.passed ? '✔ ' : '✖ '}</span>
          Policy {check.passed ? 'allows this on its data' : 'blocks this on its data'}:{' '}
          {check.message}
        </p>
      )}
    </section>
  );
}
