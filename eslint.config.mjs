import tseslint from 'typescript-eslint';

// Security: no code from strings and no HTML from strings, anywhere. API and user text is
// rendered as text by Preact; the extension runs under the default MV3 content security policy
// (tests/e2e/manifest.test.ts), and these rules keep the source from needing anything else.
const NO_HTML_SINKS = [
  {
    selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
    message: 'No HTML from strings: render text (Preact escapes it) or build nodes.',
  },
  {
    selector: 'AssignmentExpression > MemberExpression.left[computed=true][property.value=/^(innerHTML|outerHTML)$/]',
    message: 'No HTML from strings: render text (Preact escapes it) or build nodes.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|setHTMLUnsafe|createContextualFragment)$/]',
    message: 'No HTML from strings: render text (Preact escapes it) or build nodes.',
  },
  {
    selector: 'JSXAttribute[name.name="dangerouslySetInnerHTML"]',
    message: 'No HTML from strings: render text (Preact escapes it) or build nodes.',
  },
];
const NO_DOCUMENT_WRITE = [
  { object: 'document', property: 'write', message: 'document.write parses HTML from strings.' },
  { object: 'document', property: 'writeln', message: 'document.write parses HTML from strings.' },
];

// Type-aware rules (floating promises above all) and the layers: pure logic in lib/*.ts never
// reaches for the platform; lib/store/ alone touches IndexedDB, lib/platform/ the browser's
// other APIs, lib/services/ (the background's jobs) and lib/clients/ (the pages' side) use them.
export default tseslint.config(
  {
    ignores: [
      '.output*/**',
      '.wxt/**',
      'node_modules/**',
      'scripts/**',
      'tests/fixtures/**',
      '*.config.*',
      'globals.d.ts',
    ],
  },
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
    name: 'paperboy/security',
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      'no-restricted-syntax': ['error', ...NO_HTML_SINKS],
      'no-restricted-properties': ['error', ...NO_DOCUMENT_WRITE],
    },
  },
  {
    files: ['lib/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wxt/*', 'wxt', 'idb', '#imports', './store/*', './services/*', './platform/*', './clients/*'],
              message: 'lib/ is pure: platform code belongs in lib/store/, lib/platform/, lib/services/ or lib/clients/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['browser', 'chrome', 'indexedDB', 'fetch', 'document', 'window', 'navigator', 'localStorage'].map(
          (name) => ({
            name,
            message: 'lib/ is pure: pass it in, or move the code to lib/platform/ (or lib/store/).',
          }),
        ),
      ],
      'no-restricted-properties': [
        'error',
        // Repeated: a later block's options replace the security block's for these files.
        ...NO_DOCUMENT_WRITE,
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
        {
          patterns: [
            {
              group: ['wxt/*', 'wxt', 'idb', '#imports'],
              message: 'Components take props; no extension APIs or storage.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'browser', 'chrome', 'indexedDB', 'fetch'],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Tests feed `javascript:` links to prove they are never rendered.
      'no-script-url': 'off',
    },
  },
);
