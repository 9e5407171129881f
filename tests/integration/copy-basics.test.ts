/** Copy: identical bytes, mtimes, modes, symlinks and empty folders; progress; checksums; refusals. */
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { buildShot, describeTree, partFiles, sha256 } from '../helpers/copy-trees';
import { completedResult, runTransferWorker, transferSpec } from '../helpers/transfer-worker-client';

describe('copy', () => {
  let dir: string;
  let shot: string;
  beforeAll(() => {
    dir = makeTempDir('copy-basics');
    shot = join(dir, 'src', 'SH010');
    buildShot(shot);
    // Enough small files for several progress snapshots while preparing and copying.
    const many = join(shot, 'many');
    mkdirSync(many);
    for (let i = 0; i < 3000; i++) writeFileSync(join(many, `f${i}.dpx`), `frame ${i}`.repeat(50));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies every byte, mtime, mode, symlink and empty folder, with honest progress', async () => {
    const destination = join(dir, 'dst1', 'nested');
    const report = join(dir, 'report1.json');
    // A destination whose parent is missing too: creating parents is asked for explicitly.
    const spec = transferSpec('copy', [shot], destination, report, {
      throttle_ms: 5,
      checksum_file: true,
      create_parents: true,
    });
    const { terminal, run } = await runTransferWorker(spec);
    const result = completedResult(terminal);
    // Whichever way this test project publishes files, it is the way they were published.
    expect(result.housekeeping?.publish).toBe(
      process.env.WRANGLE_COPY_PUBLISH === 'rename' ? 'rename' : 'tmpfile',
    );
    expect(result.housekeeping?.engine).toBe('native');

    const source = describeTree(shot);
    const copied = describeTree(join(destination, 'SH010'));
    // Same set of paths, each with identical type, bytes (sha256), link target, mode and mtime.
    expect([...copied.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [path, entry] of source) {
      const other = copied.get(path);
      expect(other?.type, path).toBe(entry.type);
      expect(other?.sha256, path).toBe(entry.sha256);
      expect(other?.link, path).toBe(entry.link);
      if (entry.type !== 'link') expect(other?.mode, path).toBe(entry.mode);
      if (entry.type !== 'dir' || path !== '')
        expect(Math.abs((other?.mtimeMs ?? 0) - entry.mtimeMs), path).toBeLessThan(1);
    }
    expect(copied.get('work/empty')?.type).toBe('dir');
    expect(copied.get('locked-ro')?.mode).toBe(0o555);
    expect(partFiles(destination)).toEqual([]);

    expect(result.files_copied).toBe(3000 + 20 + 4);
    expect(result.symlinks_copied).toBe(2);
    expect(result.files_total).toBe(3000 + 20 + 4 + 2);
    expect(result.failed_count).toBe(0);
    expect(result.verified_files).toBe(result.files_copied);

    // Progress: counts rise while preparing, then a byte-based percentage that never goes back, 100 at the end.
    const snapshots = run.progress();
    const preparing = snapshots.filter((p) => p.phase === 'preparing');
    const copying = snapshots.filter((p) => p.phase === 'copying');
    expect(preparing.length).toBeGreaterThan(0);
    expect(copying.length).toBeGreaterThan(1);
    for (let i = 1; i < snapshots.length; i++) {
      expect(snapshots[i]!.percentage).toBeGreaterThanOrEqual(snapshots[i - 1]!.percentage!);
      expect(snapshots[i]!.emitted_at).toBeGreaterThanOrEqual(snapshots[i - 1]!.emitted_at);
    }
    expect(snapshots.every((p) => p.percentage !== null && p.percentage < 100)).toBe(true);
    expect(copying.at(-1)!.bytes_total).toBe(result.bytes_total);
    expect(copying.some((p) => p.current_file !== null && p.bytes_processed > 0)).toBe(true);
    if (terminal.type === 'completed') {
      expect(terminal.progress.percentage).toBe(100);
      expect(terminal.progress.bytes_processed).toBe(result.bytes_total);
    }

    // The report lists every file with its checksum; the xxh64sum file has one line per copied file.
    const written = JSON.parse(readFileSync(report, 'utf8')) as {
      state: string;
      files: { path: string; xxh64?: string }[];
    };
    expect(written.state).toBe('completed');
    expect(written.files).toHaveLength(result.files_total);
    // A visible name that says what and when: the first source's folder and the job's start in UTC.
    expect(result.checksum_file).toMatch(
      new RegExp(`^${destination}/SH010_\\d{4}-\\d\\d-\\d\\d_\\d{6}Z\\.xxh64$`),
    );
    const lines = readFileSync(result.checksum_file!, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(result.files_copied);
    expect(lines.every((line) => /^[0-9a-f]{16} {2}SH010\//.test(line))).toBe(true);
  });

  it('copies a single file and a symlink given as sources', async () => {
    const destination = join(dir, 'dst-single');
    const report = join(dir, 'report-single.json');
    const sources = [join(shot, 'plate.mov'), join(shot, 'latest')];
    const result = completedResult(
      (await runTransferWorker(transferSpec('copy', sources, destination, report))).terminal,
    );
    expect(result.files_copied).toBe(1);
    expect(result.symlinks_copied).toBe(1);
    expect(sha256(join(destination, 'plate.mov'))).toBe(sha256(join(shot, 'plate.mov')));
    expect(describeTree(destination).get('latest')).toMatchObject({
      type: 'link',
      link: 'renders/comp/v001',
    });
  });

  describe('refuses before writing anything', () => {
    const refused = async (
      sources: string[],
      destination: string,
    ): Promise<{ code: string; error: string }> => {
      const { terminal } = await runTransferWorker(
        transferSpec('copy', sources, destination, join(dir, 'refused.json')),
      );
      if (terminal.type !== 'failed') throw new Error(`expected failed, got ${terminal.type}`);
      return terminal;
    };

    it('a destination inside the source, also through a symlink', async () => {
      const inside = join(shot, 'work', 'backup');
      const direct = await refused([shot], inside);
      expect(direct.code).toBe('DESTINATION_INSIDE_SOURCE');
      expect(direct.error).toContain(shot);
      expect(direct.error).toContain(inside);
      const alias = join(dir, 'alias');
      symlinkSync(shot, alias);
      const viaLink = await refused([shot], join(alias, 'work', 'backup2'));
      expect(viaLink.code).toBe('DESTINATION_INSIDE_SOURCE');
      expect(readdirSync(join(shot, 'work'))).toEqual(['empty']);
    });

    it('a source that does not exist', async () => {
      const missing = join(dir, 'src', 'no such shot');
      const failed = await refused([shot, missing], join(dir, 'dst-missing'));
      expect(failed.code).toBe('SOURCE_NOT_FOUND');
      expect(failed.error).toContain(missing);
      expect(() => readdirSync(join(dir, 'dst-missing'))).toThrow();
    });

    it('the same path: the source itself, or its own folder', async () => {
      const self = await refused([shot], shot);
      expect(self.code).toBe('SAME_PATH');
      const parent = await refused([shot], join(dir, 'src'));
      expect(parent.code).toBe('SAME_PATH');
      expect(parent.error).toContain(shot);
    });
  });
});
