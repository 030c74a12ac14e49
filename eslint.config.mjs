// typescript-eslint's strict, type-aware rules over the package, its tests and scripts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The consumer projects' TypeScript is type-checked by the package test, against the tarball.
  // lib/generated/validators.ts is ajv's standalone code, generated (scripts/generate/validators.mjs).
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      '**/.bench-tmp/',
      'scripts/package-test/*.{ts,mts,cts}',
      'lib/generated/validators.ts',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals with numbers read naturally in messages.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => resolve()` in event handlers is clearer with the shorthand than with braces.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Conflicts with no-non-null-assertion from the strict set; we keep the strict one.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['__tests__/**/*.ts'],
    rules: {
      // Tests cast deliberately wrong values to prove they are refused at run time.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Jest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Async callbacks without await are the point of tests that prove promises are awaited.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Type tests declare values only to look at their types.
    files: ['__tests__/types/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
  {
    // Generated types write every type argument, a default one included.
    files: ['lib/generated/**/*.ts'],
    rules: { '@typescript-eslint/no-unnecessary-type-arguments': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
);
