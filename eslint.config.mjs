import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Lint enforces the process boundaries of DESIGN.md §3:
 * - electron/core and shared never import `electron`, renderer code, or use the DOM;
 * - shared also never imports Node;
 * - renderer never imports Node, `electron` or electron/ (main, preload, core).
 */
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads']
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch'].map(
  (name) => ({ name, message: 'This code runs outside the window: no DOM here.' })
)

const electronImport = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import Electron.' }
const rendererImport = { group: ['**/renderer/**'], message: 'The backend never imports renderer code.' }
const nodeImport = { group: nodeBuiltins, message: 'This code must stay free of Node APIs.' }
const backendImport = { group: ['**/electron/**'], message: 'The renderer reaches the backend only through window.harbour (src/api.ts).' }

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }]
    }
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronImport, rendererImport] }],
      'no-restricted-globals': ['error', ...domGlobals]
    }
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [electronImport, rendererImport, nodeImport, { group: ['**/electron/**'], message: 'shared/ stands alone.' }] }
      ],
      'no-restricted-globals': ['error', ...domGlobals]
    }
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronImport, rendererImport] }], 'no-console': 'off' }
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            rendererImport,
            nodeImport,
            { group: ['**/core/**', '**/main/**'], message: 'The preload sees only the contract.' }
          ]
        }
      ]
    }
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // This rule is about the React Compiler's memoisation, which Harbour does not use;
      // TanStack Table is used as its documentation shows.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': ['error', { patterns: [electronImport, nodeImport, backendImport] }]
    }
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-console': 'off' }
  }
)
