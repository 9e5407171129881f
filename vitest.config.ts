import { defineConfig } from 'vitest/config';

/** Transfer tests that also run with files published through a temporary name and a rename. */
const publishRenameTests = [
  'tests/integration/copy-basics.test.ts',
  'tests/integration/copy-conflicts.test.ts',
  'tests/integration/copy-failures.test.ts',
  'tests/integration/move-transfer.test.ts',
  'tests/integration/cli-copy.test.ts',
  'tests/integration/transfer-identity.test.ts',
  'tests/integration/transfer-temp-names.test.ts',
  'tests/integration/transfer-paths.test.ts',
  'tests/integration/transfer-outcomes.test.ts',
  'tests/integration/transfer-source-changes.test.ts',
  'tests/integration/transfer-symlink-swap.test.ts',
  'tests/integration/transfer-concurrent.test.ts',
  'tests/integration/offload-destinations.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests fork real worker processes; two cores are shared between files.
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'all', include: ['tests/**/*.test.ts'], exclude: ['node_modules/**'] } },
      {
        extends: true,
        test: {
          name: 'publish-rename',
          include: publishRenameTests,
          setupFiles: ['tests/helpers/publish-rename.setup.ts'],
        },
      },
    ],
  },
});
