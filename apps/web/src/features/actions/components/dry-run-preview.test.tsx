import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PolicyEvaluation } from '@watchfloor/shared/actions/api';
import { DryRunPreview } from './dry-run-preview.tsx';

const policy: PolicyEvaluation = {
  stage: 'preview',
  policyName: 'default',
  policyVersion: 'abcdef0123456789',
  actor: 'operator',
  passed: true,
  approvalsRequired: 1,
  autoApprove: false,
  evaluatedAt: 0,
  results: [
    { code: 'target_state', passed: true, message: 'every target is active or quarantined' },
    {
      code: 'data_quality',
      passed: true,
      message:
        "the target's data is degraded (checkout-eu-3 has sent nothing since 11:52 UTC); policy lets restart_entity proceed on silent, and a person must approve it",
    },
  ],
};
const blastRadius = {
  measure: 'entities',
  entities: 1,
  outOfService: 0,
  segment: 'checkout-eu',
  segmentEntities: 4,
  segmentOutOfServiceBefore: 0,
  segmentOutOfServiceAfter: 0,
  segmentRatioAfter: 0,
  caps: { maxEntitiesPerAction: 5, maxSegmentOutOfServiceRatio: 0.5 },
};

describe('DryRunPreview', () => {
  it("says how far the target's data holds and why a silent target still needs a person", () => {
    const html = renderToStaticMarkup(
      <DryRunPreview
        policy={policy}
        targets={[{ entity: 'checkout-eu-3', kind: 'service', state: 'active' }]}
        blastRadius={blastRadius}
        quality={{
          state: 'degraded',
          freshnessLagSeconds: 3,
          completeness: 1,
          watermark: null,
          reasons: [
            {
              code: 'silent',
              severity: 'degraded',
              message: 'checkout-eu-3 has sent nothing since 11:52 UTC',
            },
          ],
        }}
      />,
    );
    expect(html).toContain('Needs 1 approval from someone other than you.');
    expect(html).toContain('Data degraded');
    expect(html).toContain('checkout-eu-3 has sent nothing since 11:52 UTC');
    expect(html).toContain('Policy allows this on its data:');
    expect(html).toContain('a person must approve it');
  });

  it("says plainly when the target's data is complete", () => {
    const html = renderToStaticMarkup(
      <DryRunPreview
        policy={policy}
        targets={[]}
        blastRadius={blastRadius}
        quality={{
          state: 'ok',
          freshnessLagSeconds: 1,
          completeness: 1,
          watermark: null,
          reasons: [],
        }}
      />,
    );
    expect(html).toContain('Data OK');
    expect(html).toContain('complete and current.');
  });
});
