/**
 * Writing a new ASC MHL generation for a folder tree: a new history when there is none, the next
 * generation when there is one, and, for every history nested below the root that holds some of the
 * records, its own next generation, referenced from its parent's (spec 5.3.2, implementation guidelines
 * 2.1.4).
 *
 * Records arrive in any order and are kept compactly (record-store.ts). finish() then:
 * 1. sorts each folder's records by name (bytewise UTF-8, the reference implementation's order) and
 *    computes every folder's content and structure hashes bottom-up, in every chosen format;
 * 2. streams each manifest to a temporary file inside its ascmhl folder, entries in the reference
 *    implementation's order (post-order: a folder's subfolders first, then its files, then its own
 *    directoryhash), hashing the bytes in C4 as they go out;
 * 3. publishes bottom-up (nested histories first, so their C4s can be referenced): the manifest is linked
 *    to its final name (never over an existing file), then the chain is rewritten with one more entry
 *    through a temporary file, fsync and rename. A chain that changed on disk since open() stops the
 *    write: someone else added a generation.
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, open, readFile, rename, rmdir, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { HASH_FORMATS } from '../../../src-shared/hash-formats';
import type { HashFormat, HashValues } from '../../../src-shared/hash-formats';
import { createHasher, loadHashing } from '../hashing/hasher';
import { DirectoryHasher } from './dir-hash';
import type { DirectoryHashPair } from './dir-hash';
import { MhlChainError, MhlRecordError } from './errors';
import { bytesToHashValue, c4ToBytes, normalizeHash } from './hash-codec';
import { readHistory } from './history';
import type { MhlHistory } from './history';
import { compileIgnorePatterns, mergeIgnorePatterns } from './ignore-patterns';
import type { IgnoreMatcher } from './ignore-patterns';
import { ASCMHL_FOLDER, CHAIN_FILE, formatManifestName } from './manifest-names';
import { CHAIN_NS, MANIFEST_NS } from './parse';
import type { ChainEntry } from './parse';
import { ACTION_NAMES, RecordStore } from './record-store';
import type { Action } from './record-store';
import {
  escapeAttribute,
  escapeText,
  unwritableCharacter,
  xmlDateTime,
  xmlDateTimeFromSeconds,
} from './xml-text';

export interface MhlAuthorInput {
  name: string;
  email?: string;
  phone?: string;
  role?: string;
}

export interface HistoryWriterOptions {
  processType: 'transfer' | 'in-place';
  /** Formats of the directory hashes; every record must carry these (it may carry more). */
  formats: HashFormat[];
  /** Taken once per operation by the caller: names every manifest of it, and is every hashdate. */
  createdAt: Date;
  hostname: string;
  tool: { name: string; version: string };
  author?: MhlAuthorInput;
  /** Patterns added to the history's own (or to the defaults, for a new history). */
  ignorePatterns?: string[];
  location?: string;
  comment?: string;
  /** Write directory hashes (default true). Only when records cover every file of the tree. */
  directoryHashes?: boolean;
}

export type MhlTime = Date | { s: number; ns: number };

export interface MhlFileRecordInput {
  /** Relative to the root, `/` separators. */
  path: string;
  size: number;
  mtime: MhlTime;
  hashes: HashValues;
  action: 'original' | 'verified' | 'failed';
}

export interface MhlDirectoryInput {
  /** Relative to the root, `/` separators. */
  path: string;
  mtime?: MhlTime;
}

export interface HistoryWriteResult {
  /** Absolute paths of the manifests written, nested histories first. */
  manifests: string[];
  /** Records written (after dropping ignored ones and repeats of a path). */
  files: number;
  /** Records left out because an ignore pattern matched them. */
  ignored: number;
}

/** One history taking part: the top one or a nested one. */
interface Scope {
  history: MhlHistory;
  /** Its root relative to the writer's root ('' for the top). */
  relRoot: string;
  depth: number;
  parent: number;
  rootDir: number;
  patterns: string[];
  matcher: IgnoreMatcher;
  out?: Output;
}

interface Output {
  generation: number;
  fileName: string;
  finalPath: string;
  tempPath: string;
  stream: ManifestStream;
  hashesOpen: boolean;
  children: number[];
  c4?: string;
}

interface Dir {
  /** Relative to the writer's root ('' for it). */
  path: string;
  nameBytes: Buffer;
  parent: number;
  /** The scope (history) the folder belongs to: the nearest history at or above it. */
  scope: number;
  /** Every scope the folder is inside, outermost first. */
  scopes: number[];
  ignored: boolean;
  /** A record (or addDirectory) is at or below it: it is part of the tree. */
  used: boolean;
  mtime: number;
  subdirs: number[];
}

const NOTHING_WRITTEN = ' Nothing was written.';

/** `list[index]`, which the code knows is there. */
function at<T>(list: ArrayLike<T>, index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`internal error: nothing at index ${index}`);
  return value;
}

function c4Bytes(id: string): Uint8Array {
  const bytes = c4ToBytes(id);
  if (!bytes) throw new Error(`internal error: ${id} is not a C4 id`);
  return bytes;
}

function outOf(scope: Scope): Output {
  if (!scope.out) throw new Error('internal error: a history without output');
  return scope.out;
}
const FLUSH_AT = 1 << 20;

function toSeconds(time: MhlTime): number {
  if (time instanceof Date) {
    const ms = time.getTime();
    return Number.isNaN(ms) ? Number.NaN : Math.floor(ms / 1000);
  }
  return Number.isFinite(time.s) ? Math.floor(time.s) : Number.NaN;
}

/** Buffered, C4-hashed output to one file. */
class ManifestStream {
  private buffer = '';
  private readonly hasher = createHasher(['c4']);

  constructor(private readonly handle: FileHandle) {}

  /** Append text; true when it is time to flush(). */
  write(text: string): boolean {
    this.buffer += text;
    return this.buffer.length >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const bytes = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    this.hasher.update(bytes);
    let done = 0;
    while (done < bytes.length)
      done += (await this.handle.write(bytes, done, bytes.length - done)).bytesWritten;
  }

  /** Flush, fsync, close; the C4 of everything written. */
  async close(): Promise<string> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    return this.hasher.digest().c4 ?? '';
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** fsync a folder so a rename in it survives a crash (not every file system allows it; best effort). */
async function syncFolder(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // exFAT, SMB and others refuse; the rename is still done
  }
}

async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function checkText(what: string, text: string): void {
  const bad = unwritableCharacter(text);
  if (bad !== undefined) throw new RangeError(`${what} contains ${bad}, which an XML manifest cannot hold.`);
}

export class HistoryWriter {
  private readonly store = new RecordStore();
  private readonly dirs: Dir[] = [];
  private readonly dirIds = new Map<string, number>();
  private readonly scopes: Scope[] = [];
  private readonly scopeByRoot = new Map<string, number>();
  private readonly formats: HashFormat[];
  private readonly hashDate: string;
  private readonly temps = new Set<string>();
  private readonly createdFolders: string[] = [];
  private state: 'open' | 'finishing' | 'done' | 'failed' | 'discarded' = 'open';
  private ignoredCount = 0;

  private constructor(
    /** Absolute path of the folder the history covers. */
    readonly root: string,
    private readonly options: HistoryWriterOptions,
    /**
     * The history as it was when opened (nested ones included): generations, chains, ignore patterns;
     * without file records (readHistory(root) gives those).
     */
    readonly history: MhlHistory,
  ) {
    this.formats = HASH_FORMATS.filter((format) => options.formats.includes(format));
    this.hashDate = xmlDateTime(options.createdAt);
    const top = mergeIgnorePatterns(
      history.exists ? history.ignorePatterns : undefined,
      options.ignorePatterns,
    );
    this.addScope(history, '', -1, top);
    for (const nested of history.allNested()) {
      const parentRoot = nested.path.includes('/') ? this.parentScopeRoot(nested.path) : '';
      const patterns = mergeIgnorePatterns(
        nested.history.exists ? nested.history.ignorePatterns : undefined,
        top,
      );
      this.addScope(nested.history, nested.path, this.scopeByRoot.get(parentRoot) ?? 0, patterns);
    }
    this.dirs.push({
      path: '',
      nameBytes: Buffer.alloc(0),
      parent: -1,
      scope: 0,
      scopes: [0],
      ignored: false,
      used: true,
      mtime: Number.NaN,
      subdirs: [],
    });
    this.dirIds.set('', 0);
    at(this.scopes, 0).rootDir = 0;
  }

  /**
   * Read the existing history of `root` (and the nested ones) and get ready to record a new generation.
   * Throws MhlChainError when the history is broken, RangeError for options a manifest cannot hold.
   */
  static async open(root: string, options: HistoryWriterOptions): Promise<HistoryWriter> {
    await loadHashing();
    if (Number.isNaN(options.createdAt.getTime())) throw new RangeError('createdAt is not a valid date.');
    if (options.formats.length === 0) throw new RangeError('Choose at least one hash format.');
    if (options.processType !== 'transfer' && options.processType !== 'in-place')
      throw new RangeError(`Process type "${String(options.processType)}" is not transfer or in-place.`);
    checkText('The host name', options.hostname);
    checkText('The tool name', options.tool.name);
    checkText('The tool version', options.tool.version);
    if (options.location !== undefined) checkText('The location', options.location);
    if (options.comment !== undefined) checkText('The comment', options.comment);
    for (const pattern of options.ignorePatterns ?? []) checkText(`The ignore pattern "${pattern}"`, pattern);
    if (options.author) {
      for (const [key, value] of Object.entries(options.author))
        if (typeof value === 'string') checkText(`The author's ${key}`, value);
      if (options.author.email !== undefined && !/^[^@]+@[^.]+\..+$/.test(options.author.email))
        throw new RangeError(
          `"${options.author.email}" is not an e-mail address ASC MHL accepts (name@host.domain).`,
        );
    }
    formatManifestName(1, basename(root), options.createdAt); // the folder name must make a file name
    // Chains and references checked, records not indexed: the writer needs generations, not lookups.
    const history = await readHistory(root, { records: false });
    return new HistoryWriter(root, options, history);
  }

  private parentScopeRoot(path: string): string {
    // the longest known scope root that is a proper prefix of `path`
    let best = '';
    for (const root of this.scopeByRoot.keys())
      if (root !== '' && path.startsWith(`${root}/`) && root.length > best.length) best = root;
    return best;
  }

  private addScope(history: MhlHistory, relRoot: string, parent: number, patterns: string[]): void {
    const index = this.scopes.length;
    this.scopes.push({
      history,
      relRoot,
      depth: parent === -1 ? 0 : at(this.scopes, parent).depth + 1,
      parent,
      rootDir: -1,
      patterns,
      matcher: compileIgnorePatterns(patterns),
    });
    this.scopeByRoot.set(relRoot, index);
  }

  /** The patterns the new generation of the root history records (what the copy should leave out). */
  get ignorePatterns(): string[] {
    return [...at(this.scopes, 0).patterns];
  }

  /** Whether a path (relative to root) is left out by the ignore patterns of the histories it is in. */
  isIgnored(relPath: string, isDir: boolean): boolean {
    const slash = relPath.lastIndexOf('/');
    const dir = this.intern(slash === -1 ? '' : relPath.slice(0, slash));
    if (at(this.dirs, dir).ignored) return true;
    if (isDir) return at(this.dirs, this.intern(relPath)).ignored;
    return this.matches(dir, relPath, false);
  }

  private relativeTo(scope: number, path: string): string {
    const root = at(this.scopes, scope).relRoot;
    return root === '' ? path : path.slice(root.length + 1);
  }

  /** Whether any history around folder `dir` ignores `path` itself. */
  private matches(dir: number, path: string, isDir: boolean): boolean {
    for (const scope of at(this.dirs, dir).scopes) {
      if (at(this.scopes, scope).relRoot === path) continue;
      if (at(this.scopes, scope).matcher.matchesItself(this.relativeTo(scope, path), isDir)) return true;
    }
    return false;
  }

  /** The folder's id, made (with its parents) when new. */
  private intern(path: string): number {
    const known = this.dirIds.get(path);
    if (known !== undefined) return known;
    const slash = path.lastIndexOf('/');
    const parent = this.intern(slash === -1 ? '' : path.slice(0, slash));
    const name = path.slice(slash + 1);
    const parentDir = at(this.dirs, parent);
    const nestedScope = this.scopeByRoot.get(path);
    const scopes = nestedScope === undefined ? parentDir.scopes : [...parentDir.scopes, nestedScope];
    const id = this.dirs.length;
    const dir: Dir = {
      path,
      nameBytes: Buffer.from(name, 'utf8'),
      parent,
      scope: nestedScope ?? parentDir.scope,
      scopes,
      ignored: false,
      used: false,
      mtime: Number.NaN,
      subdirs: [],
    };
    this.dirs.push(dir);
    this.dirIds.set(path, id);
    // ascmhl folders are never recorded, whatever the patterns say
    dir.ignored = parentDir.ignored || name === ASCMHL_FOLDER || this.matches(parent, path, true);
    if (nestedScope !== undefined) at(this.scopes, nestedScope).rootDir = id;
    return id;
  }

  /** The folder and its parents are part of the tree. */
  private markUsed(dir: number): void {
    for (let d = dir; d > 0 && !at(this.dirs, d).used; d = at(this.dirs, d).parent)
      at(this.dirs, d).used = true;
  }

  private checkOpen(): void {
    if (this.state !== 'open')
      throw new Error(`This history writer is ${this.state}; records can no longer be added.`);
  }

  private checkPath(path: string): void {
    if (
      typeof path !== 'string' ||
      path === '' ||
      path.startsWith('/') ||
      path.endsWith('/') ||
      path.includes('//') ||
      path.includes('\0') ||
      /(^|\/)\.\.?(\/|$)/.test(path)
    )
      throw new MhlRecordError(
        String(path),
        `"${String(path)}" is not a path relative to the history root (no leading /, no . or .. parts).`,
      );
    const bad = unwritableCharacter(path);
    if (bad !== undefined)
      throw new MhlRecordError(path, `${path}: its name contains ${bad}, which an XML manifest cannot hold.`);
  }

  /** Record one file. Ignored paths are dropped (counted); the last record of a repeated path wins. */
  add(record: MhlFileRecordInput): void {
    this.checkOpen();
    const { path } = record;
    this.checkPath(path);
    const slash = path.lastIndexOf('/');
    const dir = this.intern(slash === -1 ? '' : path.slice(0, slash));
    if (at(this.dirs, dir).ignored) {
      this.ignoredCount++;
      return;
    }
    this.markUsed(dir); // the folder is there, even if the file is ignored
    if (this.matches(dir, path, false)) {
      this.ignoredCount++;
      return;
    }
    if (!Number.isSafeInteger(record.size) || record.size < 0)
      throw new MhlRecordError(path, `${path}: size ${record.size} is not a byte count.`);
    const action = ACTION_NAMES.indexOf(record.action);
    if (action === -1)
      throw new MhlRecordError(
        path,
        `${path}: action "${record.action}" is not original, verified or failed.`,
      );
    const hashes: Partial<Record<HashFormat, string>> = {};
    for (const format of HASH_FORMATS) {
      const value = record.hashes[format];
      if (value === undefined) continue;
      const normalized = normalizeHash(format, value);
      if (normalized === undefined)
        throw new MhlRecordError(path, `${path}: "${value}" is not a ${format} hash.`);
      hashes[format] = normalized;
    }
    for (const format of this.formats)
      if (hashes[format] === undefined)
        throw new MhlRecordError(
          path,
          `${path}: the record has no ${format} hash, which this history writes.`,
        );
    this.store.add(
      dir,
      path.slice(slash + 1),
      record.size,
      toSeconds(record.mtime),
      action as Action,
      hashes,
    );
  }

  /** Record a folder: an empty one (it counts in its parent's hashes), or a folder's modification time. */
  addDirectory(record: MhlDirectoryInput): void {
    this.checkOpen();
    this.checkPath(record.path);
    const id = this.intern(record.path);
    if (at(this.dirs, id).ignored) return;
    this.markUsed(id);
    if (record.mtime !== undefined) at(this.dirs, id).mtime = toSeconds(record.mtime);
  }

  /** Records given so far (ignored ones not counted). */
  get recordCount(): number {
    return this.store.count;
  }

  /** Write the new generation(s) and update the chain(s). */
  async finish(): Promise<HistoryWriteResult> {
    this.checkOpen();
    this.state = 'finishing';
    try {
      const plan = this.plan();
      await this.writeManifests(plan);
      const manifests = await this.publish();
      this.state = 'done';
      return { manifests, files: plan.files, ignored: this.ignoredCount };
    } catch (error) {
      await this.cleanUp();
      this.state = 'failed';
      throw error;
    }
  }

  /** Give up: remove temporary files and an ascmhl folder this writer made and left empty. */
  async discard(): Promise<void> {
    if (this.state === 'done') return;
    await this.cleanUp();
    this.state = 'discarded';
  }

  private async cleanUp(): Promise<void> {
    for (const scope of this.scopes) await scope.out?.stream.abandon();
    for (const temp of this.temps) await unlink(temp).catch(() => undefined);
    this.temps.clear();
    for (const folder of this.createdFolders.reverse()) await rmdir(folder).catch(() => undefined);
    this.createdFolders.length = 0;
  }

  /** Pass 1: records sorted per folder, repeats dropped, folder trees and directory hashes. */
  private plan(): {
    order: Uint32Array;
    starts: Uint32Array;
    skip: Uint8Array;
    hashes: DirectoryHashPair[][];
    files: number;
  } {
    const { store, dirs } = this;
    const n = store.count;
    const starts = new Uint32Array(dirs.length + 1);
    for (let i = 0; i < n; i++) starts[store.dir(i) + 1] = at(starts, store.dir(i) + 1) + 1;
    for (let d = 0; d < dirs.length; d++) starts[d + 1] = at(starts, d + 1) + at(starts, d);
    const order = new Uint32Array(n);
    const cursor = starts.slice(0, dirs.length);
    for (let i = 0; i < n; i++) {
      const dir = store.dir(i);
      const slot = at(cursor, dir);
      order[slot] = i;
      cursor[dir] = slot + 1;
    }
    const skip = new Uint8Array(n);
    let files = n;
    for (let d = 0; d < dirs.length; d++) {
      const from = at(starts, d);
      const to = at(starts, d + 1);
      if (to - from < 2) continue;
      order.subarray(from, to).sort((a, b) => store.compareNames(a, b) || a - b);
      for (let k = from + 1; k < to; k++)
        if (store.compareNames(at(order, k - 1), at(order, k)) === 0) {
          skip[at(order, k - 1)] = 1; // the later record of the same path wins
          files--;
        }
    }
    for (const dir of dirs) dir.subdirs.length = 0;
    for (let d = 1; d < dirs.length; d++)
      if (at(dirs, d).used && !at(dirs, d).ignored) at(dirs, at(dirs, d).parent).subdirs.push(d);
    for (let d = 0; d < dirs.length; d++) {
      const dir = at(dirs, d);
      if (dir.subdirs.length === 0) continue;
      dir.subdirs.sort((a, b) => Buffer.compare(at(dirs, a).nameBytes, at(dirs, b).nameBytes));
      const names = new Set(dir.subdirs.map((s) => at(dirs, s).nameBytes.toString('utf8')));
      for (let k = at(starts, d); k < at(starts, d + 1); k++) {
        const name = store.name(at(order, k));
        if (names.has(name)) {
          const path = dir.path === '' ? name : `${dir.path}/${name}`;
          throw new MhlRecordError(
            path,
            `${path} was recorded both as a file and as a folder.` + NOTHING_WRITTEN,
          );
        }
      }
    }
    const hashes: DirectoryHashPair[][] = new Array(dirs.length);
    if (this.options.directoryHashes !== false)
      this.postOrder((d) => {
        hashes[d] = this.formats.map((format) => {
          const hasher = new DirectoryHasher(format);
          for (let k = at(starts, d); k < at(starts, d + 1); k++) {
            const i = at(order, k);
            if (skip[i]) continue;
            hasher.addFile(
              store.nameBytes(i),
              store.hashBytes(i, format) ?? c4Bytes(store.hashText(i, 'c4')),
            );
          }
          const pairs = hashes;
          for (const s of at(dirs, d).subdirs)
            hasher.addDirectory(at(dirs, s).nameBytes, at(at(pairs, s), this.formats.indexOf(format)));
          return hasher.finish();
        });
      });
    return { order, starts, skip, hashes, files };
  }

  /** Visit folders children-first, subfolders in name order (synchronously). */
  private postOrder(visit: (dir: number) => void): void {
    const stack: [number, number][] = [[0, 0]];
    while (stack.length > 0) {
      const top = at(stack, stack.length - 1);
      const subdirs = at(this.dirs, top[0]).subdirs;
      if (top[1] < subdirs.length) stack.push([at(subdirs, top[1]++), 0]);
      else {
        stack.pop();
        visit(top[0]);
      }
    }
  }

  private rootHashXml(pairs: DirectoryHashPair[] | undefined, indent: string): string {
    if (!pairs) return '';
    const part = (which: 'content' | 'structure'): string =>
      `${indent}  <${which}>\n` +
      this.formats
        .map(
          (format, f) =>
            `${indent}    <${format} hashdate="${this.hashDate}">${bytesToHashValue(format, at(pairs, f)[which])}</${format}>\n`,
        )
        .join('') +
      `${indent}  </${which}>\n`;
    return part('content') + part('structure');
  }

  private headerXml(scope: Scope, rootPairs: DirectoryHashPair[] | undefined): string {
    const { options } = this;
    const author = options.author;
    let authorXml = '';
    if (author) {
      let attributes = '';
      if (author.email !== undefined) attributes += ` email="${escapeAttribute(author.email)}"`;
      if (author.phone !== undefined) attributes += ` phone="${escapeAttribute(author.phone)}"`;
      if (author.role !== undefined) attributes += ` role="${escapeAttribute(author.role)}"`;
      authorXml = `    <author${attributes}>${escapeText(author.name)}</author>\n`;
    }
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<hashlist version="2.0" xmlns="${MANIFEST_NS}">\n` +
      '  <creatorinfo>\n' +
      `    <creationdate>${xmlDateTime(options.createdAt)}</creationdate>\n` +
      `    <hostname>${escapeText(options.hostname)}</hostname>\n` +
      `    <tool version="${escapeAttribute(options.tool.version)}">${escapeText(options.tool.name)}</tool>\n` +
      authorXml +
      (options.location !== undefined ? `    <location>${escapeText(options.location)}</location>\n` : '') +
      (options.comment !== undefined ? `    <comment>${escapeText(options.comment)}</comment>\n` : '') +
      '  </creatorinfo>\n' +
      '  <processinfo>\n' +
      `    <process>${options.processType}</process>\n` +
      (rootPairs ? `    <roothash>\n${this.rootHashXml(rootPairs, '    ')}    </roothash>\n` : '') +
      '    <ignore>\n' +
      scope.patterns.map((p) => `      <pattern>${escapeText(p)}</pattern>\n`).join('') +
      '    </ignore>\n' +
      '  </processinfo>\n'
    );
  }

  /** Pass 2: every taking-part history's manifest, streamed to a temporary file. */
  private async writeManifests(plan: ReturnType<HistoryWriter['plan']>): Promise<void> {
    const { store, dirs, scopes } = this;
    const { order, starts, skip, hashes } = plan;
    const taking = new Set<number>();
    for (const dir of dirs) if (dir.used && !dir.ignored) taking.add(dir.scope);
    const folderName = basename(this.root);
    for (const index of [...taking].sort((a, b) => a - b)) {
      const scope = at(scopes, index);
      const history = scope.history;
      const lastSequence = history.chain.reduce((max, e) => Math.max(max, e.sequence ?? 0), 0);
      const generation = Math.max(history.lastGeneration, lastSequence) + 1;
      const name = scope.relRoot === '' ? folderName : basename(scope.relRoot);
      const fileName = formatManifestName(generation, name, this.options.createdAt);
      const folder = join(history.root, ASCMHL_FOLDER);
      if (!(await pathExists(folder))) {
        await mkdir(folder);
        this.createdFolders.push(folder);
      }
      const tempPath = join(folder, `.${fileName}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
      this.temps.add(tempPath);
      const handle = await open(tempPath, 'wx', 0o644);
      const stream = new ManifestStream(handle);
      scope.out = {
        generation,
        fileName,
        finalPath: join(folder, fileName),
        tempPath,
        stream,
        hashesOpen: false,
        children: [],
      };
      stream.write(this.headerXml(scope, hashes[scope.rootDir]));
      if (scope.parent !== -1) at(scopes, scope.parent).out?.children.push(index);
    }

    /** Append an entry to a history's manifest; true when its stream should be flushed. */
    const entry = (scope: Scope, text: string): boolean => {
      const out = outOf(scope);
      if (!out.hashesOpen) {
        out.hashesOpen = true;
        out.stream.write('  <hashes>\n');
      }
      return out.stream.write(text);
    };
    const recordFormats = new Map<number, HashFormat[]>();
    const formatsOf = (i: number): HashFormat[] => {
      let mask = 0;
      HASH_FORMATS.forEach((format, bit) => {
        if (store.has(i, format)) mask |= 1 << bit;
      });
      let list = recordFormats.get(mask);
      if (!list) {
        list = HASH_FORMATS.filter((format) => store.has(i, format));
        recordFormats.set(mask, list);
      }
      return list;
    };
    let lastSeconds = Number.NaN;
    let lastDate = '';
    const dateAttribute = (seconds: number): string => {
      if (Number.isNaN(seconds)) return '';
      if (seconds !== lastSeconds) {
        lastSeconds = seconds;
        lastDate = ` lastmodificationdate="${xmlDateTimeFromSeconds(seconds)}"`;
      }
      return lastDate;
    };
    const writeDirectoryHashes = this.options.directoryHashes !== false;

    // The same post-order as pass 1; streams flush (asynchronously) as they fill.
    const stack: [number, number][] = [[0, 0]];
    while (stack.length > 0) {
      const top = at(stack, stack.length - 1);
      const d = top[0];
      const dir = at(dirs, d);
      if (top[1] < dir.subdirs.length) {
        stack.push([at(dir.subdirs, top[1]++), 0]);
        continue;
      }
      stack.pop();
      const owner = at(scopes, dir.scope);
      const inOwner = this.relativeTo(dir.scope, dir.path);
      const prefix = inOwner === '' ? '' : `${escapeText(inOwner)}/`;
      for (let k = at(starts, d); k < at(starts, d + 1); k++) {
        const i = at(order, k);
        if (skip[i]) continue;
        const attributes = `action="${ACTION_NAMES[store.action(i)]}" hashdate="${this.hashDate}"`;
        let xml =
          `    <hash>\n      <path size="${store.size(i)}"${dateAttribute(store.mtime(i))}>` +
          `${prefix}${escapeText(store.name(i))}</path>\n`;
        for (const format of formatsOf(i))
          xml += `      <${format} ${attributes}>${store.hashText(i, format)}</${format}>\n`;
        if (entry(owner, `${xml}    </hash>\n`)) await outOf(owner).stream.flush();
      }
      if (d === 0 || !writeDirectoryHashes) continue;
      // A nested history's root is recorded in its parent history; its own manifest has it as roothash.
      const target = owner.rootDir === d ? at(dirs, dir.parent).scope : dir.scope;
      if (Number.isNaN(dir.mtime)) {
        try {
          dir.mtime = Math.floor((await lstat(join(this.root, dir.path))).mtimeMs / 1000);
        } catch {
          // not on disk (or unreadable): no date
        }
      }
      const pairs = at(hashes, d);
      const block = (which: 'content' | 'structure'): string =>
        `      <${which}>\n` +
        this.formats
          .map(
            (format, f) =>
              `        <${format} hashdate="${this.hashDate}">${bytesToHashValue(format, at(pairs, f)[which])}</${format}>\n`,
          )
          .join('') +
        `      </${which}>\n`;
      const flush = entry(
        at(scopes, target),
        '    <directoryhash>\n' +
          `      <path${dateAttribute(dir.mtime)}>` +
          `${escapeText(this.relativeTo(target, dir.path))}</path>\n` +
          block('content') +
          block('structure') +
          '    </directoryhash>\n',
      );
      if (flush) await outOf(at(scopes, target)).stream.flush();
    }

    // Close deepest first: a parent's references need its children's C4s.
    const closing = [...taking].sort((a, b) => at(scopes, b).depth - at(scopes, a).depth || a - b);
    for (const index of closing) {
      const scope = at(scopes, index);
      const out = outOf(scope);
      let tail = out.hashesOpen ? '  </hashes>\n' : '';
      if (out.children.length > 0) {
        tail += '  <references>\n';
        for (const child of out.children) {
          const childScope = at(scopes, child);
          const path = `${this.relativeTo(index, childScope.relRoot)}/${ASCMHL_FOLDER}/${outOf(childScope).fileName}`;
          tail +=
            '    <hashlistreference>\n' +
            `      <path>${escapeText(path)}</path>\n` +
            `      <c4>${outOf(childScope).c4 ?? ''}</c4>\n` +
            '    </hashlistreference>\n';
        }
        tail += '  </references>\n';
      }
      out.stream.write(`${tail}</hashlist>\n`);
      out.c4 = await out.stream.close();
    }
  }

  private chainXml(entries: ChainEntry[]): string {
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<ascmhldirectory xmlns="${CHAIN_NS}">\n` +
      entries
        .map(
          (entry) =>
            `  <hashlist${entry.sequence === undefined ? '' : ` sequencenr="${entry.sequence}"`}>\n` +
            `    <path>${escapeText(entry.path)}</path>\n` +
            `    <c4>${entry.c4}</c4>\n` +
            '  </hashlist>\n',
        )
        .join('') +
      '</ascmhldirectory>\n'
    );
  }

  /** Put each manifest under its name and its chain beside it, nested histories first. */
  private async publish(): Promise<string[]> {
    const written: string[] = [];
    const order = this.scopes
      .map((scope, index) => ({ scope, index }))
      .filter(({ scope }) => scope.out !== undefined)
      .sort((a, b) => b.scope.depth - a.scope.depth || a.index - b.index);
    for (const { scope } of order) {
      const out = outOf(scope);
      const folder = join(scope.history.root, ASCMHL_FOLDER);
      const chainPath = join(folder, CHAIN_FILE);
      const shownChain = `${scope.relRoot === '' ? '' : `${scope.relRoot}/`}${ASCMHL_FOLDER}/${CHAIN_FILE}`;
      const changed = (why: string): MhlChainError =>
        new MhlChainError(
          shownChain,
          'changed-meanwhile',
          `${shownChain}: ${why} while this generation was being written (another tool or job added a ` +
            'generation). Run the job again to write on top of it.' +
            NOTHING_WRITTEN,
        );
      // The chain must be the one read at open(): otherwise two writers would each drop the other's entry.
      let current: string | undefined;
      try {
        const bytes = await readFile(chainPath);
        const hasher = createHasher(['c4']);
        hasher.update(bytes);
        current = hasher.digest().c4;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (current !== scope.history.chainC4) throw changed('the chain changed');

      // Publish the manifest without ever replacing a file of that name.
      try {
        await link(out.tempPath, out.finalPath);
        await unlink(out.tempPath);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw changed(`a manifest named ${out.fileName} appeared`);
        if (await pathExists(out.finalPath)) throw changed(`a manifest named ${out.fileName} appeared`);
        await rename(out.tempPath, out.finalPath); // no hard links here (exFAT, FAT, some SMB)
      }
      this.temps.delete(out.tempPath);

      try {
        const entries: ChainEntry[] = [
          ...scope.history.chain,
          { sequence: out.generation, path: out.fileName, c4: out.c4 ?? '' },
        ];
        const temp = join(folder, `.${CHAIN_FILE}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
        this.temps.add(temp);
        const handle = await open(temp, 'wx', 0o644);
        try {
          const bytes = Buffer.from(this.chainXml(entries), 'utf8');
          let done = 0;
          while (done < bytes.length)
            done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, chainPath);
        this.temps.delete(temp);
      } catch (error) {
        // A manifest the chain does not list would break the history: take it back.
        await unlink(out.finalPath).catch(() => undefined);
        throw error;
      }
      await syncFolder(folder);
      written.push(out.finalPath);
    }
    return written;
  }
}
