// ESLint flat config: typescript-eslint's recommended rules for every source
// file; formatting is Prettier's job (eslint-config-prettier switches off the
// rules that would fight it).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-output/**', '.tmp/**', 'test/fixtures/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // `_name` marks an unused parameter kept for its position (express error handlers, LB3 hook signatures).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `const self = this` where a function needs its own `this` (LB3 calls it as a method) and ours.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['self'] }],
      // `interface A extends B {}` names an options type that may grow.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // The LB3 boundary: LB3 apps, models, juggler and strong-remoting objects are untyped JavaScript.
    files: ['compat/**/*.ts', 'compare/runners/**/*.ts', 'lib/repository/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', 'bin/*'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
  },
  prettier,
);
