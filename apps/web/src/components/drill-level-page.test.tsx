import { useQuery } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { QualitySchema } from '@watchfloor/shared/quality';
import { getJson } from '../lib/api-client.ts';
import { click, render, settle } from '../testing/render.tsx';
import { DrillLevelPage } from './drill-level-page.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const LevelSchema = z.object({ data: z.string(), quality: QualitySchema });

function Level() {
  const query = useQuery({
    queryKey: ['level'],
    queryFn: () => getJson('/api/v1/level', LevelSchema),
  });
  return (
    <DrillLevelPage heading="Segment" query={query} what="Segment x" loading="Loading the segment…">
      {(body) => <p>{body.data}</p>}
    </DrillLevelPage>
  );
}

/** Every request fails with a 503, each answered only when the test lets it, as a network would. */
function downServer() {
  const waiting: (() => void)[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(
      () =>
        new Promise<Response>((resolve) =>
          waiting.push(() =>
            resolve(
              new Response(
                JSON.stringify({ error: { code: 'unavailable', message: 'Down', requestId: 'r' } }),
                { status: 503 },
              ),
            ),
          ),
        ),
    ),
  );
  return async () => {
    waiting.splice(0).forEach((answer) => answer());
    await settle();
  };
}

describe('DrillLevelPage with nothing to show', () => {
  it('counts its failed retries although the page shows "loading" while each one runs', async () => {
    const answer = downServer();
    const { container } = await render(<Level />);
    await answer();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'Segment x could not be loaded. Down',
    );

    for (const retries of ['1 retry', '2 retries']) {
      await click(container, 'Retry');
      expect(container.querySelector('.loading')?.textContent).toBe('Loading the segment…');
      await answer();
      expect(container.querySelector('[role="alert"]')?.textContent).toContain(
        `Still failing after ${retries}.`,
      );
    }
  });
});
