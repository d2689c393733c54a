import {
  AssistFindingSchema,
  NoveltySchema,
  SimilarIncidentSchema,
} from '@watchfloor/shared/assist';
import { describe, expect, it } from 'vitest';
import { ASSIST_SHAPES } from './assist-shapes.ts';
import { explain } from './explain.ts';
import { links } from './testing/build-inputs.ts';
import { SHAPE_INPUTS } from './testing/shape-inputs.ts';

describe('explain on the labelled incident shapes', () => {
  it.each(ASSIST_SHAPES.map((shape) => [shape.name, shape] as const))(
    '%s: the top finding is the expected check and subject',
    (name, shape) => {
      const answer = explain(SHAPE_INPUTS[name](), links);
      const top = answer.findings[0];
      expect({ check: top?.check, subject: top?.subject, interesting: top?.interesting }).toEqual(
        shape.expectedTop,
      );
      if ('expectedSimilar' in shape) expect(answer.similar).toHaveLength(shape.expectedSimilar);
      if ('expectedNovelty' in shape) expect(answer.novelty?.label).toBe(shape.expectedNovelty);
    },
  );

  it('gets every shape right', () => {
    const right = ASSIST_SHAPES.filter((shape) => {
      const top = explain(SHAPE_INPUTS[shape.name](), links).findings[0];
      return (
        top?.check === shape.expectedTop.check && top.subject?.id === shape.expectedTop.subject.id
      );
    });
    expect(right.length).toBe(ASSIST_SHAPES.length);
    expect(ASSIST_SHAPES.length).toBeGreaterThanOrEqual(12);
  });

  it('answers in the shared contract, with links at the evidence window', () => {
    for (const shape of ASSIST_SHAPES) {
      const answer = explain(SHAPE_INPUTS[shape.name](), links);
      for (const finding of answer.findings) {
        expect(AssistFindingSchema.parse(finding)).toEqual(finding);
        for (const evidence of finding.evidence)
          expect(evidence.link).toContain(`from=${evidence.window.from}&to=${evidence.window.to}`);
      }
      for (const incident of answer.similar) SimilarIncidentSchema.parse(incident);
      if (answer.novelty) NoveltySchema.parse(answer.novelty);
    }
  });

  it('gives the same answer byte for byte for the same inputs, whatever the member order', () => {
    for (const shape of ASSIST_SHAPES) {
      const inputs = SHAPE_INPUTS[shape.name]();
      const reversed = {
        ...inputs,
        members: [...inputs.members].reverse(),
        breakdown: [...inputs.breakdown].reverse(),
        marks: [...inputs.marks].reverse(),
      };
      expect(JSON.stringify(explain(reversed, links))).toBe(JSON.stringify(explain(inputs, links)));
    }
  });

  it('puts every interesting finding before any other', () => {
    const { findings } = explain(SHAPE_INPUTS.bad_deploy_on_subset(), links);
    const firstDull = findings.findIndex((f) => !f.interesting);
    expect(findings.slice(firstDull).every((f) => !f.interesting)).toBe(true);
    expect(findings.slice(0, firstDull).map((f) => f.check)).toEqual(
      expect.arrayContaining(['what_changed', 'contribution', 'onset']),
    );
  });
});
