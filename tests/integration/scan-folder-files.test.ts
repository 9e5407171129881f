/**
 * Every file of every folder, as the tree lists them: each folder's files with their sizes, largest first
 * (ties by name), from both listers; the breakdown by file type against `find`; and the host's lazy read of
 * one folder's files, with clear errors for a bad job or folder.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderFilesSchema, folderFilesPath, type FolderFiles } from '../../src-shared/folder-files';
import { NO_EXTENSION, OTHER_TYPES } from '../../src-shared/file-types';
import { ScanResultSchema, type ScanResult } from '../../src-shared/jobs';
import { ScanTreeSchema, scanTreeRelativePath, type ScanTree } from '../../src-shared/scan-tree';
import { FolderFilesReader } from '../../src-main/jobs/folder-files-reader';
import { parseIpcArgs } from '../../src-shared/ipc-args';
import { runScanWorker, scanSpec } from '../helpers/scan-worker-client';
import { startTestEngine } from '../helpers/engine';
import { addNastyEntries, makeTempDir } from '../helpers/trees';

/** A shot with loose camera files of equal and different sizes, a sequence, a cache folder and odd names. */
function buildTree(root: string): void {
  const file = (path: string, size: number): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), Buffer.alloc(size, 0x61));
  };
  file('SH010/camera/B001C001.ari', 4000);
  file('SH010/camera/A001C002.ari', 4000); // same size: sorted by name after …
  file('SH010/camera/A001C001.ari', 4000); // … this one
  file('SH010/camera/notes.txt', 120);
  file('SH010/camera/.DS_Store', 10);
  file('SH010/camera/empty.mov', 0);
  for (let f = 1001; f <= 1010; f++) file(`SH010/renders/beauty.${f}.exr`, 500 + f);
  file('SH010/renders/render.log', 900);
  for (let i = 0; i < 150; i++) file(`SH010/cache/part_${String(i).padStart(3, '0')}.bgeo.sc`, 10 + (i % 7));
  file('SH010/README', 33);
  file('SH010/name with spaces & "quotes".EXR', 77);
  symlinkSync('camera/notes.txt', join(root, 'SH010/link.txt')); // a symlink is not a file of the folder
  mkdirSync(join(root, 'empty'), { recursive: true });
}

/** A folder's files as the file system has them: regular files only, largest first, ties by name. */
function filesOnDisk(dir: string): FolderFiles {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => ({ name: entry.name, size: lstatSync(join(dir, entry.name)).size }))
    .sort((a, b) => b.size - a.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { names: files.map((f) => f.name), sizes: files.map((f) => f.size) };
}

/** Folder `index`'s line of the file-list file, read the way its tree file points to it. */
function filesInTree(tree: ScanTree, treePath: string, index: number): FolderFiles {
  const at = tree.dirs.files_at?.[index] ?? 0;
  const len = tree.dirs.files_len?.[index] ?? 0;
  if (len === 0) return { names: [], sizes: [] };
  const text = readFileSync(folderFilesPath(treePath))
    .subarray(at, at + len)
    .toString('utf8');
  return FolderFilesSchema.parse(JSON.parse(text));
}

/** Count and bytes of the regular files `find` finds with names ending in `.ext` (any case). */
function findByExtension(root: string, ext: string): { count: number; bytes: number } {
  const out = spawnSync('find', [root, '-type', 'f', '-iname', `*.${ext}`, '-printf', '%s\\n'], {
    encoding: 'utf8',
  }).stdout;
  const sizes = out.split('\n').filter(Boolean).map(Number);
  return { count: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

describe.each(['native', 'node'] as const)('every file in the tree, %s lister', (lister) => {
  let dir: string;
  let root: string;
  let treePath: string;
  let tree: ScanTree;
  let result: ScanResult;

  beforeAll(async () => {
    dir = makeTempDir('folder-files');
    root = join(dir, 'SHOW');
    treePath = join(dir, 'out', 'tree.json');
    buildTree(root);
    const { terminal } = await runScanWorker(scanSpec(root, treePath, { lister }));
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    result = ScanResultSchema.parse(terminal.result);
    tree = ScanTreeSchema.parse(JSON.parse(readFileSync(treePath, 'utf8')));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every regular file of every folder with its size, largest first and ties by name', () => {
    let listed = 0;
    for (let i = 0; i < tree.dirs.name.length; i++) {
      const files = filesInTree(tree, treePath, i);
      expect(files).toEqual(filesOnDisk(join(root, scanTreeRelativePath(tree, i))));
      expect(files.names.length).toBe(tree.dirs.own_files[i]);
      listed += files.names.length;
    }
    expect(listed).toBe(result.file_count);
    const camera = tree.dirs.name.indexOf('camera');
    expect(filesInTree(tree, treePath, camera).names).toEqual([
      'A001C001.ari',
      'A001C002.ari',
      'B001C001.ari',
      'notes.txt',
      '.DS_Store',
      'empty.mov',
    ]);
    expect(filesInTree(tree, treePath, tree.dirs.name.indexOf('cache')).names).toHaveLength(150);
  });

  it('breaks the files down by type, with counts and bytes that match find', () => {
    const types = new Map(result.file_types.map((t) => [t.ext, t]));
    for (const ext of ['ari', 'exr', 'sc', 'txt', 'mov', 'log']) {
      const found = findByExtension(root, ext);
      expect(found.count).toBeGreaterThan(0);
      expect(types.get(ext), ext).toEqual({ ext, ...found });
    }
    // Upper-case extensions count with their lower-case kind; a dot-file and README have none.
    expect(types.get('exr')?.count).toBe(11);
    expect(types.get(NO_EXTENSION)).toEqual({ ext: NO_EXTENSION, count: 2, bytes: 43 });
    expect(types.has(OTHER_TYPES)).toBe(false);
    expect(result.file_types.reduce((sum, t) => sum + t.count, 0)).toBe(result.file_count);
    expect(result.file_types.reduce((sum, t) => sum + t.bytes, 0)).toBe(result.total_size);
    const bytes = result.file_types.map((t) => t.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
  });
});

describe('both listers give the same files for every folder, nasty names included', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the same names and sizes, in the same order, from the native and the Node lister', async () => {
    dir = makeTempDir('folder-files-parity');
    const root = join(dir, 'SHOW');
    buildTree(root);
    mkdirSync(join(root, 'editorial'));
    addNastyEntries(root); // spaces, newlines, 255 bytes, non-UTF-8 names and folders, loops, a FIFO
    const byPath = async (lister: 'native' | 'node'): Promise<Map<string, FolderFiles>> => {
      const treePath = join(dir, lister, 'tree.json');
      const { terminal } = await runScanWorker(scanSpec(root, treePath, { lister }));
      if (terminal.type !== 'completed')
        throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
      const tree = ScanTreeSchema.parse(JSON.parse(readFileSync(treePath, 'utf8')));
      const files = new Map<string, FolderFiles>();
      for (let i = 0; i < tree.dirs.name.length; i++)
        files.set(scanTreeRelativePath(tree, i), filesInTree(tree, treePath, i));
      return files;
    };
    const native = await byPath('native');
    const node = await byPath('node');
    expect(native).toEqual(node);
    const nasty = native.get('nasty names');
    expect(nasty?.names).toContain('new\nline.exr');
    expect(nasty?.names.filter((name) => name.includes('\uFFFD'))).toHaveLength(2);
  });
});

describe("the host's lazy read of one folder's files", () => {
  let dir: string;
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let batchId: string;
  let reader: FolderFilesReader;

  beforeAll(async () => {
    dir = makeTempDir('folder-files-host');
    buildTree(join(dir, 'SHOW'));
    engine = await startTestEngine();
    batchId = engine.manager.startScan(join(dir, 'SHOW')).batch_id;
    const record = await engine.manager.whenEnded(batchId);
    expect(record.info.state).toBe('completed');
    reader = new FolderFilesReader(engine.manager, (id) => engine.store.treePath(id));
  });

  afterAll(async () => {
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("returns exactly one folder's files, for every folder", async () => {
    const tree = ScanTreeSchema.parse(JSON.parse((await engine.store.readTree(batchId)) ?? ''));
    for (let i = 0; i < tree.dirs.name.length; i++) {
      const path = join(dir, 'SHOW', scanTreeRelativePath(tree, i));
      expect(await reader.read(batchId, i)).toEqual(filesOnDisk(path));
    }
  });

  it('refuses an unknown job and a folder not in the tree, saying which', async () => {
    await expect(reader.read('no-such-job', 0)).rejects.toThrow(/There is no job no-such-job/);
    await expect(reader.read(batchId, 999)).rejects.toThrow(
      /Folder 999 is not in the scan of .*SHOW: it has folders 0 to \d+/,
    );
    await expect(reader.read(batchId, -1)).rejects.toThrow(/Folder -1 is not in the scan/);
  });

  it('is refused at the IPC boundary for a malformed batch id or folder index', () => {
    expect(parseIpcArgs('getFolderFiles', [batchId, 2])).toEqual([batchId, 2]);
    expect(() => parseIpcArgs('getFolderFiles', ['../jobs', 0])).toThrow(
      /IPC jobs:get-folder-files refused: a batch id is 1 to 128 letters/,
    );
    expect(() => parseIpcArgs('getFolderFiles', [batchId, -1])).toThrow(/IPC jobs:get-folder-files refused/);
    expect(() => parseIpcArgs('getFolderFiles', [batchId, 1.5])).toThrow(/IPC jobs:get-folder-files refused/);
    expect(() => parseIpcArgs('getFolderFiles', [batchId])).toThrow(/IPC jobs:get-folder-files refused/);
  });
});
