// Each architecture rule in eslint.config.js, shown firing on a deliberately broken file: a file
// placed where the rule applies, importing what the rule forbids. If a rule is loosened, mistyped
// or stops resolving imports, its case here turns red. The files exist only while this runs (the
// type-aware rules need them on disk, inside a tsconfig project).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The main lint ignores these files (it may be listing the tree while they exist); here they are
// linted by path with the same configuration, its ignore list aside.
const eslint = new ESLint({ cwd: root, ignore: false });
const suffix = `lint-fixture-${randomBytes(4).toString('hex')}`;
const written = [];

/** x.repository.ts → x.lint-fixture-1a2b3c4d.repository.ts: easy to spot, never clashes. */
const onDisk = (file) =>
  path.join(root, path.dirname(file), path.basename(file).replace(/^([^.]+)\./, `$1.${suffix}.`));

async function rulesFiredOn(file) {
  const [result] = await eslint.lintFiles([onDisk(file)]);
  return result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

const cases = [
  {
    rule: 'web features do not import each other',
    file: 'apps/web/src/features/overview/components/broken.tsx',
    code: "import { SegmentPage } from '../../segments/components/segment-page.tsx';\nexport const x = SegmentPage;\n",
    fires: 'import-x/no-restricted-paths',
  },
  {
    rule: 'web lib never imports a feature',
    file: 'apps/web/src/lib/broken-feature.ts',
    code: "import { buildFleetChartOptions } from '../features/overview/charts/fleet-chart-options.ts';\nexport const x = buildFleetChartOptions;\n",
    fires: 'import-x/no-restricted-paths',
  },
  {
    rule: 'web components never import the app shell',
    file: 'apps/web/src/components/broken.tsx',
    code: "import { router } from '../app/router.tsx';\nexport const x = router;\n",
    fires: 'import-x/no-restricted-paths',
  },
  {
    rule: 'the web never imports the BFF',
    file: 'apps/web/src/lib/broken-bff.ts',
    code: "import { createApp } from '../../../bff/src/app.ts';\nexport const x = createApp;\n",
    fires: 'import-x/no-restricted-paths',
  },
  {
    rule: 'packages/shared imports only zod',
    file: 'packages/shared/src/broken.ts',
    code: "import { Hono } from 'hono';\nexport const x = Hono;\n",
    fires: 'no-restricted-imports',
  },
  {
    rule: 'BFF production code never imports the test kit',
    file: 'apps/bff/src/modules/quality/broken.ts',
    code: "import { createTestApp } from '../../testing/test-app.ts';\nexport const x = createTestApp;\n",
    fires: 'import-x/no-restricted-paths',
  },
  {
    rule: 'BFF production code never imports benchmarks',
    file: 'apps/bff/src/http/broken.ts',
    code: "import { runApiBench } from '../bench/api/api-bench.ts';\nexport const x = runApiBench;\n",
    fires: 'import-x/no-restricted-paths',
  },
  {
    rule: 'the assist module never reaches the actions module (it never acts)',
    file: 'apps/bff/src/modules/assist/broken.ts',
    code: "import { proposeAction } from '../actions/workflow/proposal.service.ts';\nexport const x = proposeAction;\n",
    fires: 'import-x/no-restricted-paths',
  },
  {
    rule: 'no mysql2 outside repositories and db/',
    file: 'apps/bff/src/modules/quality/broken-mysql.service.ts',
    code: "import mysql from 'mysql2/promise';\nexport const x = mysql;\n",
    fires: 'no-restricted-imports',
  },
  {
    rule: 'no .query( outside repositories and db/',
    file: 'apps/bff/src/modules/quality/broken-query.service.ts',
    code: "import type { Queryable } from '../../db/pool.ts';\nexport const read = (conn: Queryable) => conn.query('SELECT 1');\n",
    fires: 'no-restricted-syntax',
  },
  {
    rule: 'no floating promises',
    file: 'apps/bff/src/modules/quality/broken-floating.service.ts',
    code: 'async function work(): Promise<void> {}\nexport function start(): void {\n  work();\n}\n',
    fires: '@typescript-eslint/no-floating-promises',
  },
  {
    rule: 'no any at boundaries',
    file: 'apps/bff/src/modules/quality/broken-any.service.ts',
    code: 'export function parse(body: any): string {\n  return String(body);\n}\n',
    fires: '@typescript-eslint/no-explicit-any',
  },
  {
    rule: 'no import cycles',
    file: 'apps/bff/src/modules/quality/broken-cycle-a.ts',
    code: `import { b } from './broken-cycle-b.${suffix}.ts';\nexport const a = () => b;\n`,
    fires: 'import-x/no-cycle',
    partner: {
      file: 'apps/bff/src/modules/quality/broken-cycle-b.ts',
      code: `import { a } from './broken-cycle-a.${suffix}.ts';\nexport const b = () => a;\n`,
    },
  },
];

const allowed = [
  {
    rule: 'a repository may run SQL (the SQL rule does not fire everywhere)',
    file: 'apps/bff/src/modules/quality/fine.repository.ts',
    code: "import type { Queryable } from '../../db/pool.ts';\nexport const read = (conn: Queryable) => conn.query('SELECT 1');\n",
  },
  {
    rule: 'a feature may import lib (the boundary rule does not fire everywhere)',
    file: 'apps/web/src/features/overview/components/fine.tsx',
    code: "import { formatPercent } from '../../../lib/format.ts';\nexport const x = formatPercent;\n",
  },
];

before(() => {
  const partners = cases.flatMap((c) => (c.partner ? [c.partner] : []));
  for (const { file, code } of [...cases, ...partners, ...allowed]) {
    writeFileSync(onDisk(file), code);
    written.push(onDisk(file));
  }
});
const removeWritten = () => {
  for (const file of written.splice(0)) rmSync(file, { force: true });
};
after(removeWritten);
// A lint stopped half-way (Ctrl-C, a timeout, a closed pipe) must not leave broken files in the tree.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.once(signal, () => {
    removeWritten();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });

for (const { rule, file, fires } of cases) {
  test(`${rule}: ${fires} fires on ${file}`, async () => {
    const fired = await rulesFiredOn(file);
    assert.ok(fired.includes(fires), `expected ${fires}, got ${JSON.stringify(fired)}`);
  });
}

for (const { rule, file } of allowed) {
  test(rule, async () => {
    assert.deepEqual(await rulesFiredOn(file), []);
  });
}
