// `npm run lint`: ESLint (correctness and the architecture rules), Prettier's formatting check, and
// the proof that each architecture rule still fires. Arguments narrow ESLint to some paths.
// The three run at once: ESLint is one thread busy with type information for most of the run, so
// the other two fit beside it on a second core instead of adding their time after it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureDependencies, root } from './lib/ensure-deps.mjs';

ensureDependencies();
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const paths = process.argv.slice(2);
const formatted = '**/*.{ts,tsx,js,mjs,cjs,json,css,yaml,yml}';

const steps = [
  ['eslint', bin('eslint'), ['--max-warnings', '0', ...(paths.length ? paths : ['.'])]],
  [
    'prettier',
    bin('prettier'),
    // The cache holds each file's last verdict by content, so an unchanged file is not formatted again.
    [
      '--check',
      '--cache',
      '--cache-strategy',
      'content',
      '--log-level',
      'warn',
      ...(paths.length ? paths : [formatted]),
    ],
  ],
  [
    'architecture rules fire',
    process.execPath,
    // In this process rather than a --test child, so a stopped lint reaches its cleanup.
    ['--test-reporter=dot', 'scripts/lint-rules.test.mjs'],
  ],
];

const children = new Set();
// Stopped itself, the lint stops its steps too, so the rule proofs can remove their fixture files.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.once(signal, () => {
    for (const child of children) child.kill(signal);
    process.exitCode = 1;
  });

/** Runs one step with its output kept, so the steps' reports do not interleave. */
function run([name, cmd, args]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.on('close', () => children.delete(child));
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (status) =>
      resolve({
        name,
        status,
        output: Buffer.concat(output),
        seconds: (Date.now() - started) / 1000,
      }),
    );
  });
}

const results = await Promise.all(steps.map(run));
let failed = 0;
for (const { name, status, output, seconds } of results) {
  console.log(`▶ lint: ${name} (${seconds.toFixed(1)} s)`);
  process.stdout.write(output);
  if (status !== 0) {
    failed += 1;
    console.error(`✗ lint: ${name} failed`);
  }
}
process.exit(failed === 0 ? 0 : 1);
