import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'net', 'http'];
const noElectron = (message) => ({ name: 'electron', message });
const notWorkers = {
  group: ['**/src-workers/**', '!**/src-workers/**?modulePath'],
  message: 'Host code starts workers by their entry files; what both need belongs in src-node.',
};

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Tests may assert what they just checked.
  { files: ['tests/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
  // Layering by runtime (docs/architecture.md). Only src-main/electron and the preload may touch Electron.
  // The host (src-main) starts workers by their built entry files, never by importing their code (an
  // entry-path import, `…?modulePath`, is the one exception); workers never import host, renderer or
  // preload code; the shared Node layer (src-node) imports neither side.
  {
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron('Only src-main/electron may import electron.')], patterns: [notWorkers] },
      ],
    },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [notWorkers] }] },
  },
  {
    files: ['src-workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron('Workers run under plain Node too (the CLI).')],
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**'],
              message: 'Worker code imports only src-workers, src-node and src-shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron('src-node runs in the host and in workers, under plain Node too.')],
          patterns: [
            {
              group: ['**/src-main/**', '**/src-workers/**', '**/src-renderer/**', '**/src-preload/**'],
              message: 'src-node is shared by host and workers: it imports only src-node and src-shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src-shared runs in every process.' }],
          patterns: [{ group: nodeBuiltins, message: 'src-shared runs in the renderer too: no Node APIs.' }],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.wrangle.' }],
          patterns: [{ group: nodeBuiltins, message: 'The renderer has no Node APIs.' }],
        },
      ],
    },
  },
  // Main talks to the renderer only through the typed wrapper in src-main/electron/ipc.ts.
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='ipcMain']", message: 'Register IPC through handleIpc().' },
      ],
    },
  },
);
