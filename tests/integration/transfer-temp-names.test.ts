/** Leftover temporary files are removed only when they are ours and their writer is gone, never by age or name. */
import { spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostId, processStart, tempNameFor, type TempOwner } from '../../src-workers/transfer/temp-names';
import { noise, sha256 } from '../helpers/copy-trees';
import { isRoot, mountExt2Image, setCtimeInImage, type ImageMount } from '../helpers/mounts';
import { useTransferCases } from '../helpers/transfer-cases';
import { killGroup, runTransferCli } from '../helpers/transfer-cli';

const NOBODY = 65534;
/** A ctime far older than any "stale after N minutes" rule. */
const OLD_CTIME = '20200101000000';

/** A pid with no process behind it right now (counting down from the kernel's pid_max). */
function deadPid(): number {
  const pidMax = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim());
  for (let pid = pidMax - 1; pid > 1; pid--) if (processStart(pid) === null) return pid;
  throw new Error('No free pid found.');
}

/** A source folder `shot` of two frames, to copy into `<destination>/shot`. */
function sourceShot(root: string): string {
  const shot = join(root, 'shot');
  mkdirSync(shot, { recursive: true });
  writeFileSync(join(shot, 'frame.0001.exr'), noise(3000, 1));
  writeFileSync(join(shot, 'frame.0002.exr'), noise(3000, 2));
  return shot;
}

/** True when `path` is a symlink (lstat: a dangling one counts). */
function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** True when `list` names `path` (as given, or relative to some folder above it). */
function listsPath(list: readonly string[], path: string): boolean {
  return list.some((entry) => entry === path || path.endsWith(`/${entry}`));
}

describe('temporary names', () => {
  // The ext2 disk below is mounted once, for all the tests that use it.
  const { dir, freshCase } = useTransferCases('transfer-temp-names', { sharedMounts: true });

  describe.skipIf(!isRoot)(
    'in a folder whose files are old for real (ext2 image, ctime set with debugfs)',
    () => {
      let disk: ImageMount;
      beforeAll(() => {
        disk = mountExt2Image(join(dir(), 'disk'), { sizeMb: 32 });
      });
      afterAll(() => disk.unmount());

      /** Give `names` in `<disk>/<folder>` a ctime of 2020 (the disk is briefly unmounted) and check it took. */
      function ageFiles(folder: string, names: string[]): void {
        disk.offline((image) =>
          setCtimeInImage(
            image,
            names.map((name) => `/${folder}/${name}`),
            OLD_CTIME,
          ),
        );
        for (const name of names) {
          expect(lstatSync(join(disk.dir, folder, name)).ctimeMs, name).toBeLessThan(Date.UTC(2021, 0, 1));
        }
      }

      it('look-alike names and a running job’s temporary file survive a copy into their folder', async () => {
        // A live writer: a process that exists, with its real start time.
        const sleeper = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
        try {
          const live: TempOwner = { host: hostId(), pid: sleeper.pid!, start: processStart(sleeper.pid!)! };
          const names = [
            'comp_v003.wrangle-part-2.exr',
            '.plate.exr.wrangle-part-x',
            tempNameFor('frame.exr', live, 1),
          ];
          const folder = join(disk.dir, 'dst-a', 'shot');
          mkdirSync(folder, { recursive: true });
          const hashes = new Map<string, string>();
          for (const [index, name] of names.entries()) {
            writeFileSync(join(folder, name), noise(2000 + index, 10 + index));
            hashes.set(name, sha256(join(folder, name)));
          }
          ageFiles('dst-a/shot', names);

          const { root, env } = freshCase();
          const shot = sourceShot(root);
          const outcome = await runTransferCli(['copy', shot, join(disk.dir, 'dst-a'), '--json'], { env });
          expect.soft(outcome.code, outcome.stderr).toBe(0);
          for (const name of names) {
            expect.soft(existsSync(join(folder, name)), `${name} was deleted`).toBe(true);
            if (existsSync(join(folder, name)))
              expect.soft(sha256(join(folder, name)), name).toBe(hashes.get(name));
          }
          expect(sha256(join(folder, 'frame.0001.exr'))).toBe(sha256(join(shot, 'frame.0001.exr')));
        } finally {
          killGroup(sleeper.pid!);
        }
      }, 40_000);

      it('removes and lists an orphan of ours; a folder, a symlink and another user’s file of that shape stay', async () => {
        const dead: TempOwner = { host: hostId(), pid: deadPid(), start: '4242' };
        const orphan = tempNameFor('old.0001.exr', dead, 1);
        const shapedFolder = tempNameFor('old.0002.exr', dead, 2);
        const shapedLink = tempNameFor('old.0003.exr', dead, 3);
        const othersFile = tempNameFor('old.0004.exr', dead, 4);
        const folder = join(disk.dir, 'dst-b', 'shot');
        mkdirSync(join(folder, shapedFolder), { recursive: true });
        writeFileSync(join(folder, shapedFolder, 'inside.txt'), 'not a temporary file');
        writeFileSync(join(folder, orphan), noise(1500, 3));
        symlinkSync('old.0003.exr', join(folder, shapedLink));
        writeFileSync(join(folder, othersFile), noise(1600, 4));
        chownSync(join(folder, othersFile), NOBODY, NOBODY);
        const othersHash = sha256(join(folder, othersFile));
        ageFiles('dst-b/shot', [orphan, shapedFolder, shapedLink, othersFile]);

        const { root, env } = freshCase();
        const shot = sourceShot(root);
        const outcome = await runTransferCli(['copy', shot, join(disk.dir, 'dst-b'), '--json'], { env });
        expect.soft(outcome.code, outcome.stderr).toBe(0);
        // Not ours to judge: a folder, a symlink, a file of another user.
        expect.soft(readdirSync(join(folder, shapedFolder))).toEqual(['inside.txt']);
        expect.soft(isSymlink(join(folder, shapedLink)), 'the symlink was deleted').toBe(true);
        if (isSymlink(join(folder, shapedLink)))
          expect.soft(readlinkSync(join(folder, shapedLink))).toBe('old.0003.exr');
        expect.soft(existsSync(join(folder, othersFile)), 'the file owned by nobody was deleted').toBe(true);
        if (existsSync(join(folder, othersFile)))
          expect.soft(sha256(join(folder, othersFile))).toBe(othersHash);
        // Ours, and its writer is gone: removed, and the result says so.
        expect.soft(existsSync(join(folder, orphan))).toBe(false);
        const housekeeping = outcome.json().result?.housekeeping;
        expect(housekeeping, 'result.housekeeping').toBeDefined();
        expect(listsPath(housekeeping!.temp_files_removed, join(folder, orphan))).toBe(true);
        expect(housekeeping!.temp_files_removed_count).toBe(1);
      }, 40_000);
    },
  );

  it('removes an orphan whose pid is alive but belongs to a later process (another start time)', async () => {
    const { root, env } = freshCase();
    const folder = join(root, 'dst', 'shot');
    mkdirSync(folder, { recursive: true });
    // This very process is alive; with a start time that is not its own, the name's writer is a process that ended.
    const reused: TempOwner = {
      host: hostId(),
      pid: process.pid,
      start: String(Number(processStart(process.pid)) + 1),
    };
    const orphan = tempNameFor('plate.exr', reused, 7);
    writeFileSync(join(folder, orphan), noise(1200, 5));
    const shot = sourceShot(root);
    const outcome = await runTransferCli(['copy', shot, join(root, 'dst'), '--json'], { env });
    expect.soft(outcome.code, outcome.stderr).toBe(0);
    expect.soft(existsSync(join(folder, orphan)), 'the orphan is still there').toBe(false);
    const housekeeping = outcome.json().result?.housekeeping;
    expect(housekeeping, 'result.housekeeping').toBeDefined();
    expect(listsPath(housekeeping!.temp_files_removed, join(folder, orphan))).toBe(true);
    expect(housekeeping!.temp_files_removed_count).toBe(1);
  }, 40_000);
});
