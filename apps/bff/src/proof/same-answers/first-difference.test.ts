import { describe, expect, it } from 'vitest';
import { firstDifference } from './first-difference.ts';

describe('firstDifference', () => {
  it('finds nothing in equal answers', () => {
    expect(firstDifference('{"a":1}', '{"a":1}')).toBeNull();
  });

  it('names the first differing byte, even when only the field order changed', () => {
    expect(firstDifference('{"a":1,"b":2}', '{"b":2,"a":1}')).toMatch(/^at byte 2:/);
  });

  it('reports a missing tail', () => {
    expect(firstDifference('{"a":1}', '{"a":1}\n')).toMatch(/^at byte 7:/);
  });
});
