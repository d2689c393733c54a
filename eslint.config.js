// ESLint flat config. Besides correctness rules, it holds the architecture in place: the import
// boundaries and "SQL only in repositories" below are the rules CONVENTIONS.md states in prose.
// Each architecture rule is proven to fire by scripts/lint-rules.test.mjs.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));
const webFeatures = readdirSync(path.join(root, 'apps/web/src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const testFiles = ['**/*.test.ts', '**/*.test.tsx', 'e2e/**'];
// Tools that are not the product: they may reach into the database and the test kit directly.
const bffTools = [
  'apps/bff/src/testing/**',
  'apps/bff/src/bench/**',
  'apps/bff/src/proof/**',
  'apps/bff/src/cli/**',
  'apps/bff/src/modules/*/testing/**',
];

const webBoundaries = [
  ...webFeatures.map((feature) => ({
    target: `./apps/web/src/features/${feature}`,
    from: './apps/web/src/features',
    except: [`./${feature}`],
    message: 'Features do not import each other; compose them in apps/web/src/app route modules.',
  })),
  {
    target: ['./apps/web/src/lib', './apps/web/src/components'],
    from: ['./apps/web/src/features', './apps/web/src/app'],
    message: 'lib/ and components/ are shared building blocks; they never import features or app.',
  },
  {
    target: './apps/web',
    from: './apps/bff',
    message: 'The web talks to the BFF over HTTP only; share types through packages/shared.',
  },
];

// "Why?" only ever suggests: nothing in the assist module may reach proposals, approvals or
// executors (the actions module may read assist answers, never the other way round).
const assistNeverActs = {
  target: './apps/bff/src/modules/assist',
  from: './apps/bff/src/modules/actions',
  message: 'The assist module never acts: it may not import the actions module or its executors.',
};

const bffProductionBoundaries = [
  assistNeverActs,
  {
    target: './apps/bff/src',
    from: ['./apps/bff/src/testing', './apps/bff/src/bench', './apps/bff/src/proof'],
    message: 'Production code never imports the test kit, benchmarks or proofs.',
  },
  {
    target: './apps/bff/src',
    from: ['./apps/bff/src/modules/*/testing/**'],
    message: 'Production code never imports the test kit, benchmarks or proofs.',
  },
];

const sqlOutsideRepositories = {
  selector:
    "CallExpression[callee.property.name=/^(query|execute)$/]:not([callee.object.property.name='req'])",
  message:
    'SQL runs only in *.repository.ts files and apps/bff/src/db/: add a named repository function.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      'apps/bff/scratch/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      'e2e/artifacts/**',
      // The broken files scripts/lint-rules.test.mjs writes while it runs beside the main lint.
      '**/*.lint-fixture-*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['apps/**/*.{ts,tsx}', 'packages/**/*.ts', 'e2e/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      // Without these, import-x skips .ts files when following imports, and no-cycle sees nothing.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: webBoundaries }],
    },
  },
  {
    files: ['apps/**/*.{ts,tsx}', 'packages/**/*.ts', 'e2e/**/*.ts'],
    // Nothing imports a test or a spec, so none can be part of a cycle; following each one's whole
    // import graph was most of the rule's time.
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.spec.ts'],
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['apps/bff/src/**/*.ts'],
    ignores: [...testFiles, ...bffTools],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: bffProductionBoundaries }],
    },
  },
  {
    // Its tests too: a test reaching the actions module would hide a path the module could take.
    files: ['apps/bff/src/modules/assist/**/*.test.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [assistNeverActs] }],
    },
  },
  {
    files: ['apps/bff/src/**/*.ts'],
    ignores: [...testFiles, ...bffTools, '**/*.repository.ts', 'apps/bff/src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^mysql2(/.*)?$',
              message: 'Only repositories and apps/bff/src/db/ talk to mysql2.',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', sqlOutsideRepositories],
    },
  },
  {
    files: ['packages/shared/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|zod/|\\.\\.?/)',
              message: 'packages/shared depends on zod only (no mysql2, Hono, React or Node).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@watchfloor/bff(/.*)?$',
              message:
                'The web talks to the BFF over HTTP only; share types through packages/shared.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
