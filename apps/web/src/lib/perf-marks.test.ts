import { afterEach, describe, expect, it, vi } from 'vitest';

describe('perf marks', () => {
  afterEach(() => {
    performance.clearMarks();
    performance.clearMeasures();
    vi.resetModules();
  });

  async function fresh() {
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 0));
    return import('./perf-marks.ts');
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it('marks the first page painted once, without a click', async () => {
    const marks = await fresh();
    marks.markPainted('overview');
    marks.markPainted('overview');
    await settle();
    expect(performance.getEntriesByName(marks.FIRST_PAINT_MARK)).toHaveLength(1);
  });

  it('measures click to painted only for the level that was clicked', async () => {
    const marks = await fresh();
    marks.markPainted('overview');
    marks.markDrillClick('segment');
    marks.markPainted('entity');
    await settle();
    expect(performance.getEntriesByName(marks.measureName('segment'))).toHaveLength(0);
    marks.markPainted('segment');
    await settle();
    const [measure] = performance.getEntriesByName(marks.measureName('segment'));
    expect(measure?.duration).toBeGreaterThanOrEqual(0);
    // A second paint of the same level is not a second click.
    marks.markPainted('segment');
    await settle();
    expect(performance.getEntriesByName(marks.measureName('segment'))).toHaveLength(1);
  });
});
