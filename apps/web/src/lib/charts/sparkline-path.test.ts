import { describe, expect, it } from 'vitest';
import { sparklinePaths } from './sparkline-path.ts';

const frame = { width: 100, height: 20, from: 0, to: 100, bucketMs: 10 };

describe('sparklinePaths', () => {
  it('draws requests and errors on one scale, across the whole window', () => {
    const paths = sparklinePaths(
      [
        [0, 10, 0],
        [10, 10, 10],
      ],
      frame,
    );
    expect(paths.max).toBe(10);
    expect(paths.requests).toBe('M0 1.5L10 1.5');
    expect(paths.errors).toBe('M0 18.5L10 1.5');
  });

  it('starts a new line after a missing bucket instead of dropping to zero', () => {
    const paths = sparklinePaths(
      [
        [0, 4, 0],
        [10, 4, 0],
        [50, 4, 0],
      ],
      frame,
    );
    expect(paths.requests).toBe('M0 1.5L10 1.5M50 1.5');
  });

  it('draws a flat line at the bottom for an idle entity', () => {
    expect(sparklinePaths([[0, 0, 0]], frame)).toEqual({
      requests: 'M0 18.5',
      errors: 'M0 18.5',
      max: 0,
    });
  });
});
