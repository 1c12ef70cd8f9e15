// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Reading the clock is the business of server/time/: everything else gets `now` from a Clock. */
const noWallClock = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message:
      'Use the Clock (server/time/clock.ts): `new Date()` outside server/time/ ignores the test clock.',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message:
      'Use the Clock (server/time/clock.ts): `Date.now()` outside server/time/ ignores the test clock.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.data/',
      'console/dist/',
      'dist/',
      'test-results/',
      'playwright-report/',
      'reports/',
      '.stryker-tmp/',
      'stryker.config.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-syntax': ['error', ...noWallClock],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A module uses another module's service, never its routes: routes are HTTP only.
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'db/**/*.ts'],
    ignores: ['server/app.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^\\.\\./|/modules/)[a-z-]+/routes(\\.js)?$',
              message: "Import the other module's service or repository, not its routes.",
            },
          ],
        },
      ],
    },
  },
  {
    // Options objects, not long positional lists (issue #12): at most 4 parameters under server/, no file
    // excused.
    files: ['server/**/*.ts'],
    rules: { '@typescript-eslint/max-params': ['error', { max: 4 }] },
  },
  {
    // Prettier wraps code at 110 but leaves comments, strings and template literals whole: this holds them
    // to the same width. Regular expressions and URLs are exempt (a split one reads worse).
    rules: {
      'max-len': ['error', { code: 110, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  {
    // Migrations are frozen in time and typed as Kysely<any> on purpose (Kysely's migration docs); their
    // SQL stays as it ran.
    files: ['db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'max-len': 'off' },
  },
  {
    files: ['server/time/**', 'scripts/**', 'tests/**', 'console/**', '*.config.ts', '*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests read JSON answers (supertest's `body` is `any`) and react-admin records are
    // `any`-indexed by design: member access on them is the point, not an accident.
    files: ['tests/**', 'console/src/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript run by Node itself (no TypeScript project holds it).
    files: ['eslint.config.js', 'scripts/launch.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
