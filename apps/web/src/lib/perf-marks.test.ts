import { afterEach, describe, expect, it, vi } from 'vitest';

describe('perf marks', () => {
  afterEach(() => {
    performance.clearMarks();
    performance.clearMeasures();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  // A fresh module per test (it remembers the first paint), with frames and timers on a fake clock;
  // `performance` stays real, since the marks are what the tests read.
  async function fresh() {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 0));
    return import('./perf-marks.ts');
  }
  /** The next frame and the task after it, where the marks are taken. */
  const nextFrame = () => vi.runAllTimers();

  it('marks the first page painted once, without a click', async () => {
    const marks = await fresh();
    marks.markPainted('overview');
    marks.markPainted('overview');
    nextFrame();
    expect(performance.getEntriesByName(marks.FIRST_PAINT_MARK)).toHaveLength(1);
  });

  it('measures click to painted only for the level that was clicked', async () => {
    const marks = await fresh();
    marks.markPainted('overview');
    marks.markDrillClick('segment');
    marks.markPainted('entity');
    nextFrame();
    expect(performance.getEntriesByName(marks.measureName('segment'))).toHaveLength(0);
    marks.markPainted('segment');
    nextFrame();
    const [click] = performance.getEntriesByName(marks.CLICK_MARK);
    const [measure] = performance.getEntriesByName(marks.measureName('segment'));
    // The measure runs from the click, whatever the machine's speed.
    expect(click).toBeDefined();
    expect(measure?.startTime).toBe(click?.startTime);
    // A second paint of the same level is not a second click.
    marks.markPainted('segment');
    nextFrame();
    expect(performance.getEntriesByName(marks.measureName('segment'))).toHaveLength(1);
  });

  it('resolves the wait for the first page only once it has painted', async () => {
    const marks = await fresh();
    let painted = false;
    void marks.whenFirstPagePainted().then(() => (painted = true));
    marks.markPainted('overview');
    await Promise.resolve();
    expect(painted).toBe(false);
    nextFrame();
    await Promise.resolve();
    expect(painted).toBe(true);
  });
});
