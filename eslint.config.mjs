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
/** One layer's import boundary: `files` may not import `banned`. */
function layer(files, banned, message) {
  return {
    files: [files],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: banned, message, allowTypeImports: false }] },
      ],
    },
  };
}

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
  // The layers, each importing only the ones below it: lib/*.ts (pure) ← lib/store/ and
  // lib/platform/ ← lib/services/ (the worker) and lib/clients/ (the pages) ← entrypoints/.
  layer('lib/store/**/*.ts', ['wxt/*', 'wxt', '#imports', '../services/*', '../clients/*', '../platform/*'],
    'lib/store/ is the database alone: no browser APIs, no services, clients or platform code.'),
  layer('lib/platform/**/*.ts', ['idb', '../services/*', '../clients/*', '../store/*'],
    'lib/platform/ wraps browser APIs alone: the database is lib/store/, jobs are lib/services/.'),
  layer('lib/services/**/*.ts', ['idb', '../clients/*'],
    'lib/services/ is the worker side: pages (lib/clients/) are never imported; the database only through lib/store/.'),
  layer('lib/clients/**/*.ts', ['idb', '../services/*'],
    'lib/clients/ is the pages side: ask the worker through a request (lib/messages.ts), never import its services.'),
  {
    // Nothing but lib/store/ opens a transaction: one place decides how a write is kept whole.
    files: ['lib/**/*.ts', 'components/**/*.tsx', 'entrypoints/**/*.{ts,tsx}'],
    ignores: ['lib/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...NO_HTML_SINKS,
        {
          selector: 'CallExpression[callee.property.name=/^(transaction|getAllFromIndex|countFromIndex|getAllKeys)$/]',
          message: 'IndexedDB is lib/store/\'s alone: add a query there.',
        },
        {
          selector:
            "CallExpression[callee.property.name=/^(get|getAll|put|add|delete|getKey|count|clear)$/][arguments.0.value=/^(papers|days|states|meta|saved|pdfs|search-index)$/]",
          message: 'IndexedDB is lib/store/\'s alone: add a query there.',
        },
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
