import { afterEach, describe, expect, it, vi } from 'vitest';
import { SegmentDetailResponseSchema } from '@watchfloor/shared/drilldown';
import { ApiError, getJson } from './api-client.ts';
import { segmentResponseFixture, UNSAFE_QUALITY } from './testing/drilldown-fixtures.ts';

/** Serves one JSON body from a stubbed global fetch, as the BFF would. */
function serve(body: unknown, status = 200) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
        }),
    ),
  );
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const getSegment = () => getJson('/api/v1/segments/checkout-eu', SegmentDetailResponseSchema);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('getJson against the shared contract', () => {
  it('returns a body that matches the contract, unsafe verdict and all', async () => {
    serve(segmentResponseFixture(UNSAFE_QUALITY));
    const body = await getSegment();
    expect(body.quality.state).toBe('unsafe');
    expect(body.quality.reasons[0]?.code).toBe('worker_stalled');
  });

  it('refuses a body of the wrong shape as a contract error, naming where it broke', async () => {
    serve({
      data: { segment: 'checkout-eu', requests: 'many' },
      quality: UNSAFE_QUALITY,
      meta: { resolution: '1m', generatedAt: 0, requestId: 'r' },
    });
    const error = await refusal(getSegment());
    expect(error.code).toBe('contract');
    expect(error.retryable).toBe(false);
    expect(error.requestId).toBe('req-42');
    expect(error.message).toMatch(/^The server answered in an unexpected shape \(at data\./);
  });

  it('refuses an unsafe-quality body missing a field instead of drawing it', async () => {
    const { completeness: _dropped, ...quality } = UNSAFE_QUALITY;
    serve({ ...segmentResponseFixture(UNSAFE_QUALITY), quality });
    const error = await refusal(getSegment());
    expect(error.code).toBe('contract');
    expect(error.message).toContain('(at quality.completeness)');
  });

  it('refuses a segment row without its own quality line, which every screen shows', async () => {
    const body = segmentResponseFixture(UNSAFE_QUALITY);
    const { quality: _dropped, ...segment } = body.data.segment;
    serve({ ...body, data: { ...body.data, segment } });
    const error = await refusal(getSegment());
    expect(error).toMatchObject({
      code: 'contract',
      message: 'The server answered in an unexpected shape (at data.segment.quality)',
    });
  });

  it("reads a refusal in the error envelope as the server's own code and words", async () => {
    serve(
      { error: { code: 'not_found', message: 'No segment checkout-xx', requestId: 'req-7' } },
      404,
    );
    expect(await refusal(getSegment())).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'No segment checkout-xx',
      requestId: 'req-7',
    });
  });
});
