import { chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json' with { type: 'json' };
import { builtFile, type BuiltEntry } from './src-shared/built-entries';

const root = import.meta.dirname;
const fromRoot = (path: string): string => resolve(root, path);

/** package.json's bin: the path npm and npx linked before the build went CommonJS (their caches keep links). */
export const CLI_LAUNCHER = 'cli.js';

/**
 * `npx wrangle` runs out/main/cli.js, a two-line launcher of the CommonJS CLI (cli.cjs), emitted with every
 * build. Each build rewrites it without its execute bit, so it is chmodded after the write.
 */
export function executableCli(): Plugin {
  return {
    name: 'wrangle:executable-cli',
    apply: 'build',
    generateBundle(_options, bundle) {
      if (!(builtFile('cli') in bundle)) return;
      const source = `#!/usr/bin/env node\n// The CLI itself is CommonJS (src-shared/built-entries.ts).\nimport './${builtFile('cli')}';\n`;
      this.emitFile({ type: 'asset', fileName: CLI_LAUNCHER, source });
    },
    writeBundle(options, bundle) {
      if (options.dir && CLI_LAUNCHER in bundle) chmodSync(join(options.dir, CLI_LAUNCHER), 0o755);
    },
  };
}

// Every process entry is explicit so each worker ships as its own file beside main.
export default defineConfig({
  main: {
    plugins: [executableCli()],
    define: { __WRANGLE_VERSION__: JSON.stringify(pkg.version) },
    build: {
      // Dependencies are bundled, not loaded from node_modules: a worker's start-up time is part of every
      // job (zod alone took 80 ms to load from node_modules, 16 ms bundled).
      externalizeDeps: false,
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: fromRoot('src-main/electron/main.ts'),
          cli: fromRoot('src-main/cli/cli.ts'),
          'scan-worker': fromRoot('src-workers/scan/scan-worker.ts'),
          'scan-walker-thread': fromRoot('src-workers/scan/walker-thread.ts'),
          'transfer-worker': fromRoot('src-workers/transfer/transfer-worker.ts'),
          'copy-lane': fromRoot('src-workers/transfer/copy-lane.ts'),
          'verify-worker': fromRoot('src-workers/verify/verify-worker.ts'),
          'watch-worker': fromRoot('src-workers/watch/watch-worker.ts'),
        } satisfies Record<BuiltEntry, string>,
        // CommonJS (src-shared/built-entries.ts says why); rolldown turns import.meta.url into __filename's URL.
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: fromRoot('src-preload/index.ts') },
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('src-renderer'),
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: { index: fromRoot('src-renderer/index.html') } },
    },
  },
});
