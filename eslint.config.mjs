import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { harbourPlugin } from './eslint/feature-surface.mjs'

/**
 * Lint enforces the process boundaries of DESIGN.md §3:
 * - electron/core and shared never import `electron`, renderer code, or use the DOM;
 * - shared also never imports Node;
 * - renderer never imports Node, `electron` or electron/ (main, preload, core);
 * - inside the core, calls go one way, ipc → services → access → store: the store never imports
 *   a service, the access rules or the IPC layer; the access rules never import a service; and
 *   services never import the IPC layer.
 * And the shape inside them:
 * - no import cycles anywhere (a cycle makes load order matter and hides which part is lower);
 * - shared uses no Node or DOM globals either, so it runs unchanged in every process;
 * - a window feature imports another only through that feature's index.ts (its public surface).
 */
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads']
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch'].map((name) => ({
  name,
  message: 'This code runs outside the window: no DOM here.'
}))

/** Node's globals: shared/ runs in the window too, where none of them exist. */
const nodeGlobals = [
  'Buffer',
  'process',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
  'clearImmediate'
].map((name) => ({ name, message: 'shared/ runs in every process: no Node globals here.' }))

const electronImport = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import Electron.' }
const rendererImport = { group: ['**/renderer/**'], message: 'The backend never imports renderer code.' }
const nodeImport = { group: nodeBuiltins, message: 'This code must stay free of Node APIs.' }
const servicesImport = {
  group: ['**/services/**', '**/core/services'],
  message: 'The store never imports services: services call the store, not the other way.'
}
const ipcImport = {
  group: ['**/ipc/**', '**/core/ipc'],
  message: 'Only the IPC layer and the hosts import electron/core/ipc: services and the store are called by it.'
}
const hostImport = {
  group: ['../vault', '**/core/vault', '../call-context', '**/core/call-context'],
  message: 'The hosts put the store together (core/vault.ts) and build call contexts; services and the store are handed what they need.'
}
const accessImport = {
  group: ['**/access/**', '**/core/access', '../access'],
  message: 'The store never imports the access rules: services apply them, over the store.'
}
const backendImport = { group: ['**/electron/**'], message: 'The renderer reaches the backend only through window.harbour (src/api.ts).' }

/**
 * SQL only one engine reads (SQLite's NOCASE, json_each, rowid, FTS5 MATCH, instr, date
 * functions; PostgreSQL's casts, strpos, ILIKE), written in a service's sql`…` template.
 * Services take these from the engine's dialect (electron/core/store/dialect) instead.
 */
const engineSqlSelector =
  "TaggedTemplateExpression[tag.name='sql'] TemplateElement[value.raw=/COLLATE|json_each|json_extract|\\browid\\b|\\bMATCH\\b|\\binstr\\(|\\bstrpos\\(|::|\\bILIKE\\b|julianday|strftime|\\bdate\\(|\\bdatetime\\(/i]"
const engineSqlMessage =
  'This SQL is read by one engine only: take it from the dialect (call.dialect, electron/core/store/dialect) so the service runs on SQLite and PostgreSQL alike.'

/** The browser's own dialogs are not accessible, not themed and block the window: use ConfirmDialog or a Notice. */
const browserDialogs = ['confirm', 'alert', 'prompt']
const browserDialogMessage = "Use the app's own ConfirmDialog (components/ConfirmDialog.tsx) or a Notice, never the browser's dialogs."
/** Every form shows refusals one way (components/forms.ts): through useHarbourForm, not react-hook-form directly. */
const formImports = [
  {
    name: '@hookform/resolvers/zod',
    message: "Use useHarbourForm from components/forms.ts: it checks with the shared schema in the user's words."
  },
  {
    name: 'react-hook-form',
    importNames: ['useForm'],
    message: 'Use useHarbourForm from components/forms.ts, so refusals show at their fields and clear on the next action.'
  }
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX, harbour: harbourPlugin },
    settings: {
      // import-x reads every imported file to follow cycles: TypeScript files with TypeScript's parser.
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] })]
    },
    rules: {
      'import-x/no-cycle': 'error',
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
    files: ['electron/core/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronImport, rendererImport, ipcImport, hostImport] }],
      'no-restricted-syntax': ['error', { selector: engineSqlSelector, message: engineSqlMessage }]
    }
  },
  {
    files: ['electron/core/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [electronImport, rendererImport, servicesImport, ipcImport, hostImport, accessImport] }
      ]
    }
  },
  {
    // Need-to-know sits between the services and the store: services call it, it reads the store.
    files: ['electron/core/access/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronImport, rendererImport, servicesImport, ipcImport, hostImport] }] }
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [electronImport, rendererImport, nodeImport, { group: ['**/electron/**'], message: 'shared/ stands alone.' }] }
      ],
      'no-restricted-globals': ['error', ...domGlobals, ...nodeGlobals],
      'no-restricted-properties': [
        'error',
        ...['globalThis', 'global'].flatMap((object) => nodeGlobals.map(({ name: property, message }) => ({ object, property, message })))
      ]
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
          patterns: [rendererImport, nodeImport, { group: ['**/core/**', '**/main/**'], message: 'The preload sees only the contract.' }]
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
      'harbour/feature-surface': 'error',
      'no-restricted-imports': ['error', { patterns: [electronImport, nodeImport, backendImport], paths: formImports }],
      'no-restricted-globals': ['error', ...browserDialogs.map((name) => ({ name, message: browserDialogMessage }))],
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].flatMap((object) =>
          browserDialogs.map((property) => ({ object, property, message: browserDialogMessage }))
        )
      ]
    }
  },
  {
    // The one place forms are built on react-hook-form.
    files: ['renderer/src/components/forms.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronImport, nodeImport, backendImport] }] }
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-console': 'off' }
  }
)
