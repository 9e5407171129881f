/** Tree generators and an independent `find`-based census for scan tests. */
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory. */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `wrangle-${prefix}-`));
}

/** Deterministic small content of `size` bytes. */
function bytes(size: number): Buffer {
  return Buffer.alloc(size, 0x61);
}

/** A VFX show: sequences/shots/renders/versions of frames, plates, empty folders and zero-byte files. */
export function buildShowTree(
  root: string,
  shape = { sequences: 3, shots: 4, versions: 2, frames: 300 },
): void {
  for (let sq = 1; sq <= shape.sequences; sq++) {
    const sequence = join(root, 'sequences', `SQ${sq}0`);
    for (let sh = 1; sh <= shape.shots; sh++) {
      const shot = join(sequence, `SQ${sq}0_SH${sh}00`);
      for (let v = 1; v <= shape.versions; v++) {
        const version = join(shot, 'renders', 'comp', `v00${v}`);
        mkdirSync(version, { recursive: true });
        for (let f = 0; f < shape.frames; f++) {
          // Sizes vary per frame so the largest lists are meaningful.
          const size = 10 + ((sq * 7919 + sh * 613 + v * 97 + f * 31) % 2000);
          writeFileSync(join(version, `SQ${sq}0_SH${sh}00_comp_v00${v}.${1001 + f}.exr`), bytes(size));
        }
      }
      mkdirSync(join(shot, 'plates'), { recursive: true });
      // A few big, distinct plates so the largest files are unambiguous.
      writeFileSync(join(shot, 'plates', 'plate.mov'), bytes(50_000 + sq * 1000 + sh * 10));
      mkdirSync(join(shot, 'work', 'nuke', 'autosave'), { recursive: true });
      writeFileSync(join(shot, 'work', 'nuke', 'empty.nk'), '');
    }
  }
  mkdirSync(join(root, 'editorial', 'empty'), { recursive: true });
}

/** Names a scan must survive: spaces, unicode, newline, 255 bytes, non-UTF-8 bytes, symlink loops, a FIFO. */
export function addNastyEntries(root: string): void {
  const nasty = join(root, 'nasty names');
  mkdirSync(nasty, { recursive: true });
  writeFileSync(join(nasty, 'with space.exr'), bytes(11));
  writeFileSync(join(nasty, 'ünïcødé 日本語 🎬.exr'), bytes(12));
  writeFileSync(join(nasty, 'new\nline.exr'), bytes(13));
  writeFileSync(join(nasty, 'x'.repeat(255)), bytes(14));
  mkdirSync(join(nasty, 'dir with\nnewline'));
  writeFileSync(join(nasty, 'dir with\nnewline', 'inside.exr'), bytes(15));
  writeFileSync(join(nasty, 'zero.exr'), '');

  // Two non-UTF-8 names that decode to the same lossy string, and a non-UTF-8 directory with content.
  const base = Buffer.from(nasty + '/');
  writeFileSync(Buffer.concat([base, Buffer.from([0x62, 0xff, 0x2e, 0x65, 0x78, 0x72])]), bytes(16));
  writeFileSync(Buffer.concat([base, Buffer.from([0x62, 0xfe, 0x2e, 0x65, 0x78, 0x72])]), bytes(17));
  const badDir = Buffer.concat([base, Buffer.from([0x64, 0xc3, 0x28])]);
  mkdirSync(badDir);
  mkdirSync(Buffer.concat([badDir, Buffer.from('/sub')]));
  writeFileSync(Buffer.concat([badDir, Buffer.from('/sub/deep.exr')]), bytes(18));
  writeFileSync(Buffer.concat([badDir, Buffer.from([0x2f, 0x80, 0x81])]), bytes(19));

  const links = join(root, 'links');
  mkdirSync(links);
  symlinkSync('b', join(links, 'a'));
  symlinkSync('a', join(links, 'b'));
  symlinkSync('..', join(links, 'parent'));
  symlinkSync('.', join(links, 'self'));
  symlinkSync('../sequences', join(links, 'to-sequences'));
  symlinkSync('does-not-exist', join(links, 'dangling'));
  symlinkSync('../nasty names/with space.exr', join(links, 'to-file'));

  const fifo = spawnSync('mkfifo', [join(root, 'editorial', 'pipe.fifo')]);
  if (fifo.status !== 0) throw new Error(`mkfifo failed: ${fifo.stderr.toString()}`);
}

/**
 * `dirs` folders (nested two levels) of `filesPerDir` 3-byte files: a tree big enough to take a while.
 * Files are hard links to one source per group (ten times faster to create); a scan counts each path.
 */
export function buildWideTree(root: string, dirs: number, filesPerDir: number): void {
  for (let g = 0; g < 10; g++) {
    mkdirSync(join(root, `group${g}`), { recursive: true });
    writeFileSync(join(root, `group${g}`, 'source.dpx'), bytes(3));
  }
  for (let d = 0; d < dirs; d++) {
    const group = join(root, `group${d % 10}`);
    const dir = join(group, `dir${d}`);
    mkdirSync(dir);
    for (let f = 0; f < filesPerDir; f++) linkSync(join(group, 'source.dpx'), join(dir, `f${f}.dpx`));
  }
}

/**
 * `dirs` shot folders of `filesPerDir` distinct frames of `fileSize` bytes, big enough to catch a scan
 * mid-walk. Returns what it holds.
 */
export function makeWideTree(
  root: string,
  dirs: number,
  filesPerDir: number,
  fileSize = 16,
): { files: number; dirs: number; bytes: number } {
  const content = Buffer.alloc(fileSize, 0x61);
  for (let d = 0; d < dirs; d++) {
    const dir = join(root, `shot_${String(d).padStart(4, '0')}`, 'renders');
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < filesPerDir; f++) writeFileSync(join(dir, `beauty.${1001 + f}.exr`), content);
  }
  return { files: dirs * filesPerDir, dirs: dirs * 2, bytes: dirs * filesPerDir * fileSize };
}

/** How many regular files (paths) buildWideTree makes. */
export function wideTreeFileCount(dirs: number, filesPerDir: number): number {
  return dirs * filesPerDir + 10;
}

/** What `find` says about a tree, computed independently of the scanner. */
export interface Census {
  file_count: number;
  directory_count: number;
  symlink_count: number;
  other_count: number;
  total_size: number;
  /** Sizes of the largest regular files, largest first. */
  largest_file_sizes: number[];
  /** Recursive sizes of the largest folders below the root, largest first. */
  largest_dir_sizes: number[];
}

/** Count a tree with GNU find (optionally as another user), NUL-separated so any name works. */
export function findCensus(root: string, limit: number, user: { uid?: number; gid?: number } = {}): Census {
  const find = (...args: string[]): Buffer => {
    // find exits 1 on unreadable folders; that is expected in permission tests.
    const result = spawnSync('find', [root, ...args], { ...user, maxBuffer: 1 << 30 });
    if (result.error) throw result.error;
    return result.stdout;
  };
  const records = (out: Buffer): Buffer[] => {
    const parts: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < out.length; i++) {
      if (out[i] === 0) {
        parts.push(out.subarray(start, i));
        start = i + 1;
      }
    }
    return parts;
  };

  // Each record: "<size> <directory path>"; paths stay bytes (latin1) so non-UTF-8 names are exact.
  const files = records(find('-type', 'f', '-printf', '%s %h\\0')).map((record) => {
    const text = record.toString('latin1');
    const space = text.indexOf(' ');
    return { size: Number(text.slice(0, space)), dir: text.slice(space + 1) };
  });
  const dirs = records(find('-mindepth', '1', '-type', 'd', '-printf', '%p\\0')).map((r) =>
    r.toString('latin1'),
  );
  const count = (...args: string[]): number => find(...args, '-printf', 'x').length;

  const rootKey = Buffer.from(root).toString('latin1');
  const dirTotals = new Map<string, number>(dirs.map((dir) => [dir, 0]));
  for (const file of files) {
    // Add the file to its folder and every ancestor below the root.
    for (let dir = file.dir; dir.length > rootKey.length; dir = dir.slice(0, dir.lastIndexOf('/'))) {
      dirTotals.set(dir, (dirTotals.get(dir) ?? 0) + file.size);
    }
  }
  const desc = (a: number, b: number): number => b - a;
  return {
    file_count: files.length,
    directory_count: dirs.length,
    symlink_count: count('-type', 'l'),
    other_count: count('-not', '-type', 'f', '-not', '-type', 'd', '-not', '-type', 'l'),
    total_size: files.reduce((sum, file) => sum + file.size, 0),
    largest_file_sizes: files
      .map((file) => file.size)
      .sort(desc)
      .slice(0, limit),
    largest_dir_sizes: [...dirTotals.values()].sort(desc).slice(0, limit),
  };
}
