import { expect, test } from '@playwright/test';
import { addWebRun } from './bench-report.ts';

// The document shape of docs/benchmarks.md: an introduction, dated runs, then other benchmarks.
const document = [
  '# Benchmarks',
  '',
  '## Web',
  '',
  'Goals checked by `npm run bench:web`.',
  '',
  '### Side by side, yesterday',
  'A comparison written by hand.',
  '',
  '### Run of 2026-11-22 10:00 UTC',
  'The oldest run.',
  '',
  '## Read API',
  '',
  'Figures of another benchmark.',
  '',
].join('\n');

const run = '### Run of 2026-12-06 15:30 UTC\n\nThe newest run.\n';

test('bench:web --write adds its run at the top of the Web section and keeps every earlier entry', () => {
  const written = addWebRun(document, run);

  const order = [
    'Goals checked by',
    '### Run of 2026-12-06 15:30 UTC',
    '### Side by side, yesterday',
    '### Run of 2026-11-22 10:00 UTC',
    '## Read API',
    'Figures of another benchmark.',
  ].map((text) => written.indexOf(text));
  expect(order.every((at) => at >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(written).toContain('A comparison written by hand.');
  expect(written).toContain('The oldest run.');
});

test('bench:web --write starts a Web section in a document without one', () => {
  const written = addWebRun('# Benchmarks\n\n## Read API\n\nOther figures.\n', run);
  expect(written).toBe(
    '# Benchmarks\n\n## Read API\n\nOther figures.\n\n## Web\n\n### Run of 2026-12-06 15:30 UTC\n\nThe newest run.\n',
  );
});
