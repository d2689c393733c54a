import type { BlastRadius, PolicyEvaluation, ActionTarget } from '@watchfloor/shared/actions/api';
import type { Quality } from '@watchfloor/shared/quality';
import { formatPercent } from '../../../lib/format.ts';
import { PreconditionList } from './precondition-list.tsx';
import { dataQualityCheck, TargetDataQuality } from './target-data-quality.tsx';

interface Props {
  policy: PolicyEvaluation;
  targets: readonly ActionTarget[];
  blastRadius: BlastRadius;
  /** The target's data quality over the policy's window, as the dry run's answer carries it. */
  quality: Quality;
}

/** What a proposal would do, what policy will ask for it and how far the target's data holds, before anything is created. */
export function DryRunPreview({ policy, targets, blastRadius, quality }: Props) {
  const requirement = !policy.passed
    ? 'Policy refuses this proposal as it stands (see the failed checks).'
    : policy.autoApprove
      ? 'Approved by policy and executed at once: every precondition holds.'
      : `Needs ${policy.approvalsRequired} approval${policy.approvalsRequired === 1 ? '' : 's'} from someone other than you.`;
  return (
    <section aria-label="Dry run" className="dry-run">
      <h3>Dry run</h3>
      <p data-testid="policy-requirement">
        <strong>{policy.passed ? 'Allowed' : 'Refused'}:</strong> {requirement}{' '}
        <span className="muted">
          (policy {policy.policyName} {policy.policyVersion.slice(0, 8)})
        </span>
      </p>
      <p>
        Targets: {targets.map((t) => `${t.entity} (${t.kind}, ${t.state})`).join(', ') || 'none'}
      </p>
      <p data-testid="blast-radius">
        Blast radius: {blastRadius.entities} {blastRadius.measure}, {blastRadius.outOfService} out
        of service; segment {blastRadius.segment} goes from {blastRadius.segmentOutOfServiceBefore}{' '}
        to {blastRadius.segmentOutOfServiceAfter} of {blastRadius.segmentEntities} out of service (
        {formatPercent(blastRadius.segmentRatioAfter, 0)}, cap{' '}
        {formatPercent(blastRadius.caps.maxSegmentOutOfServiceRatio, 0)}).
      </p>
      <PreconditionList results={policy.results} />
      <TargetDataQuality
        quality={quality}
        judgedOver="the policy's recent window"
        check={dataQualityCheck(policy.results)}
      />
    </section>
  );
}
