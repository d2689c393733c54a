import { describe, expect, it } from 'vitest';
import { paramsProblem, typesFor } from './action-draft.ts';

describe('typesFor', () => {
  it('offers only segment actions on a segment', () => {
    expect(typesFor('segment', null).map((d) => d.type)).toEqual(['scale_segment']);
  });

  it('leaves out pipeline-only actions on an api entity', () => {
    const types = typesFor('entity', 'api').map((d) => d.type);
    expect(types).toContain('restart_entity');
    expect(types).not.toContain('pause_pipeline');
    expect(types).not.toContain('flush_queue');
  });
});

describe('paramsProblem', () => {
  it('rejects a zero replica delta with the catalogue message', () => {
    expect(paramsProblem('scale_segment', { replicasDelta: 0 })).toMatch(/must not be 0/);
    expect(paramsProblem('scale_segment', { replicasDelta: 2 })).toBeNull();
  });
});
