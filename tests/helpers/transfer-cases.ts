/** Per-test folders, generated files and tree listings for the transfer-* integration tests. */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { sha256 } from './copy-trees';
import { unmountAll } from './mounts';
import { killStartedClis } from './transfer-cli';
import { makeTempDir } from './trees';

/** One test's own folder, and the environment that gives its CLI runs their own WRANGLE_DATA_DIR. */
export interface TransferCase {
  root: string;
  /** `<root>/data`: where the CLI keeps its job records (it creates the folder). */
  dataDir: string;
  env: Record<string, string>;
}

/** What `useTransferCases` gives a test file. */
export interface TransferCases {
  /** The file's temp folder (mode 0755), once its beforeAll has run. */
  dir(): string;
  /** A fresh folder for one test, removed after it, with its own WRANGLE_DATA_DIR. */
  freshCase(): TransferCase;
}

/** How `useTransferCases` cleans up. */
export interface TransferCasesOptions {
  /** The file mounts something in a beforeAll for all its tests: unmount after all, not after each. */
  sharedMounts?: boolean;
}

/** A temp folder and a fresh case per test for a test file (call in its describe), cleaned after each test. */
export function useTransferCases(name: string, options: TransferCasesOptions = {}): TransferCases {
  let dir: string | undefined;
  let caseNumber = 0;
  const casesOfThisTest: string[] = [];
  const folder = (): string => {
    if (dir === undefined)
      throw new Error(`The ${name} folder is made in beforeAll: use it in a test or later hook.`);
    return dir;
  };

  beforeAll(() => {
    dir = makeTempDir(name);
    // mkdtemp makes it 0700; a process the test runs as nobody must reach what is below it.
    chmodSync(dir, 0o755);
  });
  afterEach(async () => {
    // Kill first (the old engine can leave a worker spinning at 100% CPU), then unmount, then remove.
    await killStartedClis();
    if (!options.sharedMounts) unmountAll();
    for (const root of casesOfThisTest.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  afterAll(() => {
    // Unmount first: removing the folder through a bind mount would delete what the mount shows.
    unmountAll();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  return {
    dir: folder,
    freshCase: () => {
      const root = join(folder(), `case-${++caseNumber}`);
      mkdirSync(root);
      casesOfThisTest.push(root);
      const dataDir = join(root, 'data');
      return { root, dataDir, env: { WRANGLE_DATA_DIR: dataDir } };
    },
  };
}

/** Mode bits of `path` in octal, e.g. '755'. */
export function modeOf(path: string): string {
  return (statSync(path).mode & 0o7777).toString(8);
}

/** A file of `mb` MiB whose 1 MiB blocks all differ (so a misplaced or repeated block changes its hash). */
export function bigFile(path: string, mb: number): void {
  const block = randomBytes(1 << 20);
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < mb; i++) {
      block.writeUInt32LE(i, 0);
      writeSync(fd, block);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Every entry below `root` as one comparable line: files with mode, size, sha256 and mtime in nanoseconds,
 * symlinks with their target, folders by type only (a folder a killed job created keeps what it got).
 */
export function treeListing(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stats = lstatSync(path, { bigint: true });
      const rel = relative(root, path);
      if (stats.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(path)}`;
      else if (stats.isDirectory()) {
        out[rel] = 'dir';
        visit(path);
      } else if (stats.isFile()) {
        const mode = (Number(stats.mode) & 0o7777).toString(8).padStart(4, '0');
        out[rel] = `file ${mode} ${stats.size} ${sha256(path)} mtime ${stats.mtimeNs}`;
      } else out[rel] = 'other';
    }
  };
  visit(root);
  return out;
}

/** Entries below `root` (relative) named with the temporary-file marker; unlike partFiles, safe mid-copy. */
export function tempEntries(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (name.includes('.wrangle-part-')) out.push(relative(root, path));
      try {
        if (lstatSync(path).isDirectory()) visit(path);
      } catch {
        // Renamed or removed while we looked.
      }
    }
  };
  visit(root);
  return out;
}
