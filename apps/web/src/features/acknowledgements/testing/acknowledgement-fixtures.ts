import type {
  Acknowledgement,
  AcknowledgementListResponse,
} from '@watchfloor/shared/acknowledgements';

export const NOW = Date.UTC(2026, 11, 6, 1, 0, 0);

/** An acknowledgement of checkout-eu by Ada, four minutes before NOW. */
export function acknowledgementFixture(overrides: Partial<Acknowledgement> = {}): Acknowledgement {
  return {
    id: 1,
    scope: { kind: 'segment', slug: 'checkout-eu', segment: 'checkout-eu' },
    comment: "I'm on it",
    by: { username: 'ada', displayName: 'Ada Lovelace' },
    acknowledgedAt: NOW - 4 * 60_000 - 5_000,
    status: 'critical',
    clearedAt: null,
    clearedReason: null,
    ...overrides,
  };
}

/** The list endpoint's answer, as the BFF sends it. */
export function listResponse(acknowledgements: Acknowledgement[]): AcknowledgementListResponse {
  return {
    data: { acknowledgements },
    quality: { state: 'ok', freshnessLagSeconds: 0, completeness: 1, watermark: null, reasons: [] },
    meta: { resolution: null, generatedAt: NOW, requestId: 'req-acks' },
  };
}
