import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'net', 'http'];

export default tseslint.config(
  { ignores: ['build/**', 'out/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
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
  // Layering: only src-main/electron and the preload may touch Electron.
  {
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/electron may import electron.' }] },
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
