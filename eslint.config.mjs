import tseslint from 'typescript-eslint';

// Type-aware rules (floating promises above all) and the lib/ boundary: pure logic in lib/
// never reaches for the platform; only lib/adapters/ may.
export default tseslint.config(
  { ignores: ['.output*/**', '.wxt/**', 'node_modules/**', 'scripts/**', 'tests/fixtures/**', '*.config.*', 'globals.d.ts'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/return-await': ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['lib/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['wxt/*', 'wxt', 'idb', '#imports', './adapters/*'], message: 'lib/ is pure: platform code belongs in lib/adapters/.' }] },
      ],
      'no-restricted-globals': [
        'error',
        ...['browser', 'chrome', 'indexedDB', 'fetch', 'document', 'window', 'navigator', 'localStorage'].map((name) => ({
          name,
          message: 'lib/ is pure: pass it in, or move the code to lib/adapters/.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'lib/ is pure: pass `now` in.' },
        { object: 'Math', property: 'random', message: 'lib/ is pure: pass randomness in.' },
      ],
    },
  },
  {
    files: ['components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['wxt/*', 'wxt', 'idb', '#imports'], message: 'Components take props; no extension APIs or storage.' }] },
      ],
      'no-restricted-globals': ['error', 'browser', 'chrome', 'indexedDB', 'fetch'],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
