// Lint rules that keep the layers apart (docs/ARCHITECTURE.md) and the house style (docs/STYLE.md).
// `npm run lint` also runs scripts/importCycles.mjs: no import cycles, type-only ones included.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscodeOrHost = {
  paths: [{ name: 'vscode', message: 'src/core and src/protocol run in plain Node and the webview: no vscode here.' }],
  patterns: [
    { group: ['**/shell/**', '**/shell', '**/extension'], message: 'The core and the protocol never import the shell.' },
    { group: ['**/webview/**'], message: 'Only the webview imports webview code.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', '.cache/**', '.e2e/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json', './tsconfig.webview.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // Adapters implement async interfaces; some answer without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true, allowTypedFunctionExpressions: true, allowHigherOrderFunctions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noVscodeOrHost] },
  },
  {
    files: ['src/shell/**/*.ts', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/webview/**'], message: 'The host never imports webview code.' }] }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview runs in a browser iframe: it talks to the host only through src/protocol.' }],
          // Relative paths only: a package's own `core` folder (highlight.js/lib/core) is fine.
          patterns: [{ group: ['../src/core/**', '../src/shell/**', '../src/extension', '../../src/core/**', '../../src/shell/**', '../../src/extension'], message: 'The webview imports only src/protocol and browser libraries.' }],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/explicit-function-return-type': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
