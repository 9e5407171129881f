/** Scans a VFX-like show with nasty names and compares every count with GNU find. */
import { spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGEST_LIMIT, ScanResultSchema, type ScanResult } from '../../src-shared/jobs';
import { ScanTreeSchema, scanTreeRelativePath } from '../../src-shared/scan-tree';
import { runScanWorker, scanSpec } from '../helpers/scan-worker-client';
import { addNastyEntries, buildShowTree, findCensus, makeTempDir, type Census } from '../helpers/trees';

// Both directory listers must agree with find: the native one (readdir + fstatat in C) and Node's fs.
describe.each(['native', 'node'] as const)('scan of a show tree with the %s lister', (lister) => {
  let dir: string;
  let root: string;
  let treePath: string;
  let census: Census;
  let result: ScanResult;

  beforeAll(async () => {
    dir = makeTempDir('scan-show');
    root = join(dir, 'SHOW');
    treePath = join(dir, 'out', 'tree.json');
    buildShowTree(root);
    addNastyEntries(root);
    census = findCensus(root, LARGEST_LIMIT);
    const { terminal } = await runScanWorker(scanSpec(root, treePath, { lister }));
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    result = ScanResultSchema.parse(terminal.result);
    expect(terminal.progress.percentage).toBe(100);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts exactly what find counts', () => {
    expect(census.file_count).toBeGreaterThan(7200);
    expect(result.root).toBe(root);
    expect(result.file_count).toBe(census.file_count);
    expect(result.directory_count).toBe(census.directory_count);
    expect(result.symlink_count).toBe(census.symlink_count);
    expect(result.symlink_count).toBe(7);
    expect(result.other_count).toBe(census.other_count);
    expect(result.other_count).toBe(1);
    expect(result.total_size).toBe(census.total_size);
    expect(result.error_count).toBe(0);
    expect(result.errors).toEqual([]);
  });

  it('reports the largest files with absolute paths and real sizes', () => {
    expect(result.largest_files.map((file) => file.size)).toEqual(census.largest_file_sizes);
    for (const file of result.largest_files) {
      expect(file.path.startsWith(root + '/')).toBe(true);
      expect(lstatSync(file.path).size).toBe(file.size);
    }
    expect(result.largest_files[0]?.path).toBe(join(root, 'sequences/SQ30/SQ30_SH400/plates/plate.mov'));
  });

  it('reports the empty files and empty folders find reports, sorted by path', () => {
    const find = (...args: string[]): string[] =>
      spawnSync('find', [root, '-mindepth', '1', ...args, '-empty', '-print0'], { encoding: 'utf8' })
        .stdout.split('\0')
        .filter((path) => path !== '')
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const emptyFiles = find('-type', 'f');
    const emptyFolders = find('-type', 'd');
    // Each shot's empty.nk and the nasty zero.exr (none of them a frame); autosave folders and editorial/empty.
    expect(emptyFiles).toHaveLength(13);
    expect(emptyFolders).toHaveLength(13);
    expect(result.zero_byte_files).toEqual(emptyFiles);
    expect(result.zero_byte_file_count).toBe(13);
    expect(result.empty_folders).toEqual(emptyFolders);
    expect(result.empty_folder_count).toBe(13);
  });

  it('reports the largest folders below the root', () => {
    expect(result.largest_dirs.map((d) => d.total_size)).toEqual(census.largest_dir_sizes);
    expect(result.largest_dirs[0]?.path).toBe(join(root, 'sequences'));
    for (const entry of result.largest_dirs) {
      expect(lstatSync(entry.path).isDirectory()).toBe(true);
      expect(findCensus(entry.path, 0).total_size).toBe(entry.total_size);
    }
  });

  it('writes a tree file whose root totals equal the summary', () => {
    const tree = ScanTreeSchema.parse(JSON.parse(readFileSync(treePath, 'utf8')));
    const d = tree.dirs;
    expect(tree.root).toBe(root);
    expect(d.name.length).toBe(result.directory_count + 1);
    expect(d.parent[0]).toBe(-1);
    expect(d.total_size[0]).toBe(result.total_size);
    expect(d.file_count[0]).toBe(result.file_count);
    expect(d.directory_count[0]).toBe(result.directory_count);
    expect(d.symlinks.reduce((a, b) => a + b, 0)).toBe(result.symlink_count);
    expect(d.own_files.reduce((a, b) => a + b, 0)).toBe(result.file_count);
    const version = d.name.findIndex(
      (name, i) =>
        name === 'v001' && scanTreeRelativePath(tree, i) === 'sequences/SQ10/SQ10_SH100/renders/comp/v001',
    );
    expect(version).toBeGreaterThan(0);
    expect(d.own_files[version]).toBe(300);
    expect(d.error.every((flag) => flag === 0)).toBe(true);
  });
});
