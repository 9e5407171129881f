/**
 * `npm run test:electron`: the real Electron app, driven by Playwright's `_electron` from vitest (the suite
 * is vitest, like every other test here, so Playwright's own runner is not used). Where no Electron binary
 * is installed the suite is skipped with the reason; CI sets WRANGLE_REQUIRE_ELECTRON=1 so that a missing
 * binary fails instead. On Linux without a display run it under `xvfb-run -a`.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, '../..'),
    include: ['tests/electron/**/*.test.ts'],
    // One app at a time: each file launches its own Electron, and window focus is shared.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
