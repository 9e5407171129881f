/** A copy killed outright (CLI and worker) and run again ends identical to the source, with no leftovers. */
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noise } from '../helpers/copy-trees';
import {
  bigFile,
  tempEntries,
  treeListing,
  useTransferCases,
  type TransferCase,
} from '../helpers/transfer-cases';
import { runTransferCli, sleep, startTransferCli, waitFor } from '../helpers/transfer-cli';

describe.each(['auto', 'rename'] as const)('kill and re-run with WRANGLE_COPY_PUBLISH=%s', (publish) => {
  const { freshCase } = useTransferCases(`transfer-kill-rerun-${publish}`);

  /**
   * Copy `shot` into a fresh destination under `limit` bytes a second, SIGKILL the CLI and its worker (the
   * whole process group) after ~1.5 s, then run the same copy without a limit: it must complete and leave
   * the destination identical to the source. `catchInFlight`: kill only once a file is visible under its
   * temporary name (required with publish rename, waited for up to a second with auto).
   */
  const killAndRerun = async (
    { root, env: caseEnv }: TransferCase,
    shot: string,
    limit: number,
    catchInFlight: boolean,
  ): Promise<void> => {
    const destination = join(root, 'dst');
    const env = { ...caseEnv, WRANGLE_COPY_PUBLISH: publish };
    const source = treeListing(shot);
    const fileCount = Object.values(source).filter((line) => line.startsWith('file')).length;

    const killed = startTransferCli(['copy', shot, destination], {
      env: { ...env, WRANGLE_COPY_MAX_BYTES_PER_SECOND: String(limit) },
    });
    await sleep(1500);
    if (catchInFlight) {
      // Kill while a file is visibly half-written, so a leftover temporary file is certain. With rename one
      // must show up; with auto (an unnamed O_TMPFILE) none may, and the kill lands on time alone.
      const seen = waitFor(
        () => tempEntries(destination).length > 0,
        1000,
        'a file under its temporary name',
        2,
      );
      if (publish === 'rename') await seen;
      else await seen.catch(() => undefined);
    }
    await killed.killGroup();
    // The kill landed before the copy could finish: the re-run has real work to do.
    const landed = existsSync(join(destination, 'shot'))
      ? Object.entries(treeListing(join(destination, 'shot'))).filter(
          ([path, line]) => line.startsWith('file') && line === source[path],
        ).length
      : 0;
    expect(landed).toBeLessThan(fileCount);

    const again = await runTransferCli(['copy', shot, destination], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(tempEntries(destination)).toEqual([]);
    expect(readdirSync(destination)).toEqual(['shot']);
    expect(treeListing(join(destination, 'shot'))).toEqual(source);
  };

  it('big frames: 4 files of 64 MB', async () => {
    const fresh = freshCase();
    const shot = join(fresh.root, 'shot');
    mkdirSync(join(shot, 'plates'), { recursive: true });
    const modes = [0o644, 0o640, 0o600, 0o755];
    for (let i = 0; i < 4; i++) {
      const path = join(shot, 'plates', `plate.${1001 + i}.exr`);
      bigFile(path, 64);
      chmodSync(path, modes[i]!);
    }
    writeFileSync(join(shot, '.shot-notes'), noise(3000, 7));
    chmodSync(join(shot, '.shot-notes'), 0o600);
    mkdirSync(join(shot, '.meta'));
    writeFileSync(join(shot, '.meta', 'colour.ocio'), noise(5000, 8));
    // ~40 MB/s: 256 MB would take over 6 s, so the kill lands inside a file.
    await killAndRerun(fresh, shot, 40_000_000, true);
  }, 60_000);

  it('thousands of small files: 3000 files of 1-8 KB in 30 folders, plus hidden ones', async () => {
    const fresh = freshCase();
    const shot = join(fresh.root, 'shot');
    const modes = [0o644, 0o600, 0o640];
    for (let d = 0; d < 30; d++) {
      const folder = join(shot, `sq${d % 3}`, `sh${String(d).padStart(3, '0')}`);
      mkdirSync(folder, { recursive: true });
      for (let f = 0; f < 100; f++) {
        const i = d * 100 + f;
        const path = join(folder, `comp.${1001 + f}.exr`);
        writeFileSync(path, noise(1024 + ((i * 7919) % 7169), i));
        chmodSync(path, modes[i % 3]!);
      }
    }
    writeFileSync(join(shot, '.hidden'), 'hidden at the top');
    writeFileSync(join(shot, 'sq1', '.DS_Store'), noise(600, 3));
    mkdirSync(join(shot, '.cache'));
    writeFileSync(join(shot, '.cache', '.thumb'), noise(2000, 4));
    // About 14 MB at 3 MB/s: several seconds, so the kill lands mid-job.
    await killAndRerun(fresh, shot, 3_000_000, false);
  }, 60_000);
});
