/**
 * The folders-by-runtime rule (docs/architecture.md) is lint, so it is tested as lint: the project's own
 * eslint.config.js, run over a wrong import in each direction as if it were a file in that folder.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

/** The no-restricted-imports messages for `code` placed at `file` (relative to the repository). */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('imports between runtimes', () => {
  it('host code may not import worker code', async () => {
    const errors = await layeringErrors(
      'src-main/probe.ts',
      "import { ScanMeter } from '../src-workers/scan/scan-meter';\nexport const probe = ScanMeter;\n",
    );
    expect(errors).toEqual([expect.stringContaining('Host code starts workers by their entry files')]);
  });

  it('Electron main may not either', async () => {
    const errors = await layeringErrors(
      'src-main/electron/probe.ts',
      "import { ScanMeter } from '../../src-workers/scan/scan-meter';\nexport const probe = ScanMeter;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('worker code may not import host, renderer or preload code', async () => {
    for (const target of ['../src-main/jobs/job-store', '../src-renderer/src/api', '../src-preload/index']) {
      const errors = await layeringErrors(
        'src-workers/probe.ts',
        `import * as probe from '${target}';\nexport { probe };\n`,
      );
      expect(errors, target).toEqual([expect.stringContaining('Worker code imports only')]);
    }
  });

  it('the shared Node layer imports neither side', async () => {
    for (const target of ['../src-main/config', '../src-workers/pacing']) {
      const errors = await layeringErrors(
        'src-node/probe.ts',
        `import * as probe from '${target}';\nexport { probe };\n`,
      );
      expect(errors, target).toEqual([expect.stringContaining('src-node is shared by host and workers')]);
    }
  });

  it('what both sides need, from src-node and src-shared, passes', async () => {
    const code =
      "import { checkRoot } from '../src-node/check-root';\nimport { formatBytes } from '../src-shared/format';\n" +
      'export const probe = [checkRoot, formatBytes];\n';
    expect(await layeringErrors('src-main/probe.ts', code)).toEqual([]);
    expect(await layeringErrors('src-workers/probe.ts', code)).toEqual([]);
  });
});
