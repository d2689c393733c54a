// `npm run lint`: ESLint (correctness and the architecture rules), Prettier's formatting check, and
// the proof that each architecture rule still fires. Arguments narrow ESLint to some paths.
import { spawnSync } from 'node:child_process';
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
    ['--check', '--log-level', 'warn', ...(paths.length ? paths : [formatted])],
  ],
  [
    'architecture rules fire',
    process.execPath,
    ['--test', '--test-reporter=dot', 'scripts/lint-rules.test.mjs'],
  ],
];

let failed = 0;
for (const [name, cmd, args] of steps) {
  console.log(`▶ lint: ${name}`);
  const { status } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (status !== 0) {
    failed += 1;
    console.error(`✗ lint: ${name} failed`);
  }
}
process.exit(failed === 0 ? 0 : 1);
