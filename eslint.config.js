// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'out/', 'drizzle/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain core is pure: no I/O, no database, no web, no clock.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'net'],
              message: 'src/domain is pure: no Node I/O.',
            },
            {
              group: ['**/db/**', '**/web/**', '**/cli/**', '**/import/**', '**/report/**'],
              message: 'src/domain must not depend on outer layers.',
            },
            {
              group: [
                'pg',
                '@electric-sql/*',
                'drizzle-orm',
                'drizzle-orm/*',
                'fastify',
                '@fastify/*',
              ],
              message: 'src/domain is pure: no database or web libraries.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Pass `now` in; the domain has no clock.' },
      ],
    },
  },
  {
    // Parsers are text in, result out: no database, no web.
    files: ['src/import/**/*.ts'],
    ignores: ['src/import/**/*.test.ts', 'src/import/**/*.bench.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**', '**/web/**', 'pg', '@electric-sql/*', 'drizzle-orm'],
              message: 'Parsers do not touch storage.',
            },
          ],
        },
      ],
    },
  },
);
