import { describe, expect, it } from 'vitest';
import type { Mark } from './inputs.ts';
import { entities, inputsFor, links, mark, MINUTE, SEGMENT, T0 } from './testing/build-inputs.ts';
import { whatChanged } from './what-changed.ts';

const ONSET = T0 + 20 * MINUTE;
const run = (
  marks: Mark[],
  culprits: string[] = [`${SEGMENT}-3`],
  onsetTs: number | null = ONSET,
) =>
  whatChanged(
    { inputs: inputsFor({ members: entities(8), marks }), links },
    { culprits, ...(onsetTs !== null ? { onsetTs } : {}) },
  );
const ids = (findings: ReturnType<typeof run>) => findings.map((f) => f.subject?.id);

describe('what changed', () => {
  it('does not list a change two hours before the window', () => {
    const findings = run([
      mark({ ts: T0 - 120 * MINUTE, kind: 'deploy', title: 'old', changeId: 'old' }),
    ]);
    expect(ids(findings)).not.toContain('old');
    expect(findings[0]).toMatchObject({
      interesting: false,
      title: expect.stringContaining('Nothing changed'),
    });
  });

  it('ranks a change on the culprit shortly before the onset above fleet-wide and later changes', () => {
    const findings = run([
      mark(
        { ts: ONSET - 25 * MINUTE, kind: 'infra', title: 'fleet kernel patch', changeId: 'fleet' },
        { segment: null },
      ),
      mark(
        { ts: ONSET - 3 * MINUTE, kind: 'deploy', title: 'culprit deploy', changeId: 'culprit' },
        { segment: SEGMENT, entity: `${SEGMENT}-3` },
      ),
      mark(
        { ts: ONSET - 3 * MINUTE, kind: 'flag', title: 'other entity flag', changeId: 'peer' },
        { segment: SEGMENT, entity: `${SEGMENT}-5` },
      ),
      mark({ ts: ONSET + 10 * MINUTE, kind: 'config', title: 'after', changeId: 'after' }),
    ]).sort((a, b) => b.score - a.score);
    expect(ids(findings)[0]).toBe('culprit');
    expect(findings[0]?.interesting).toBe(true);
    expect(findings.find((f) => f.subject?.id === 'after')?.interesting).toBe(false);
    expect(findings.find((f) => f.subject?.id === 'peer')?.interesting).toBe(false);
    expect(ids(findings).indexOf('fleet')).toBeGreaterThan(0);
  });

  it('counts an alert that is still firing', () => {
    const findings = run([
      mark({
        ts: T0 - 40 * MINUTE,
        kind: 'alert',
        title: 'burn',
        alertEpisodeId: 9,
        open: true,
        endTs: null,
      }),
    ]);
    expect(findings[0]).toMatchObject({ interesting: true, subject: { kind: 'alert', id: '9' } });
    expect(findings[0]?.evidence[0]?.source).toBe('alert_episodes');
  });

  it('measures from the window start without an onset', () => {
    const [finding] = run(
      [mark({ ts: T0 - 5 * MINUTE, kind: 'deploy', title: 'd', changeId: 'd' })],
      [],
      null,
    );
    expect(finding?.title).toContain('5 min before the window start');
    expect(finding?.evidence[0]?.value).toBe(5);
  });
});
