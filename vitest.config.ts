import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests fork real worker processes; two cores are shared between files.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
