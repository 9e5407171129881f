/** Writing a new ASC MHL generation: HistoryWriter, which takes the records and runs the three passes. */
import { rmdir, unlink } from 'node:fs/promises';
import { HASH_FORMATS } from '../../src-shared/hash-formats';
import type { HashFormat } from '../../src-shared/hash-formats';
import { loadHashing } from '../hashing/hasher';
import { MhlRecordError } from './errors';
import { normalizeHash } from './hash-codec';
import { readHistory } from './history';
import type { MhlHistory } from './history';
import { writeManifests } from './manifest-output';
import { publish } from './publish';
import { ACTION_NAMES, RecordStore } from './record-store';
import type { Action } from './record-store';
import { checkOptions } from './writer-options';
import type {
  HistoryWriteResult,
  HistoryWriterOptions,
  MhlDirectoryInput,
  MhlFileRecordInput,
  MhlTime,
} from './writer-options';
import { planWrite } from './writer-plan';
import { at, ScopeTree } from './writer-scopes';
import { unwritableCharacter, xmlDateTime } from './xml-text';

export type {
  HistoryWriteResult,
  HistoryWriterOptions,
  MhlAuthorInput,
  MhlDirectoryInput,
  MhlFileRecordInput,
  MhlTime,
} from './writer-options';

function toSeconds(time: MhlTime): number {
  if (time instanceof Date) {
    const ms = time.getTime();
    return Number.isNaN(ms) ? Number.NaN : Math.floor(ms / 1000);
  }
  return Number.isFinite(time.s) ? Math.floor(time.s) : Number.NaN;
}

/**
 * Writes a new ASC MHL generation for a folder tree: a new history when there is none, the next
 * generation when there is one, and, for every history nested below the root that holds some of the
 * records, its own next generation, referenced from its parent's (spec 5.3.2, implementation guidelines
 * 2.1.4).
 *
 * Records arrive in any order and are kept compactly (record-store.ts), each folder routed to the history
 * holding it (writer-scopes.ts). finish() then:
 * 1. sorts each folder's records by name (bytewise UTF-8, the reference implementation's order) and
 *    computes every folder's content and structure hashes bottom-up, in every chosen format
 *    (writer-plan.ts);
 * 2. streams each manifest to a temporary file inside its ascmhl folder, entries in the reference
 *    implementation's order (post-order: a folder's subfolders first, then its files, then its own
 *    directoryhash), hashing the bytes in C4 as they go out (manifest-output.ts, manifest-stream.ts);
 * 3. publishes bottom-up (nested histories first, so their C4s can be referenced): the manifest is linked
 *    to its final name (never over an existing file), then the chain is rewritten with one more entry
 *    through a temporary file, fsync and rename. A chain that changed on disk since open() stops the
 *    write: someone else added a generation (publish.ts).
 */
export class HistoryWriter {
  private readonly store = new RecordStore();
  private readonly tree: ScopeTree;
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
    this.tree = new ScopeTree(history, options.ignorePatterns);
  }

  /**
   * Read the existing history of `root` (and the nested ones) and get ready to record a new generation.
   * Throws MhlChainError when the history is broken, RangeError for options a manifest cannot hold.
   */
  static async open(root: string, options: HistoryWriterOptions): Promise<HistoryWriter> {
    await loadHashing();
    checkOptions(root, options);
    // Chains and references checked, records not indexed: the writer needs generations, not lookups.
    const history = await readHistory(root, { records: false });
    return new HistoryWriter(root, options, history);
  }

  /** The patterns the new generation of the root history records (what the copy should leave out). */
  get ignorePatterns(): string[] {
    return [...at(this.tree.scopes, 0).patterns];
  }

  /** Whether a path (relative to root) is left out by the ignore patterns of the histories it is in. */
  isIgnored(relPath: string, isDir: boolean): boolean {
    const slash = relPath.lastIndexOf('/');
    const dir = this.tree.intern(slash === -1 ? '' : relPath.slice(0, slash));
    if (at(this.tree.dirs, dir).ignored) return true;
    if (isDir) return at(this.tree.dirs, this.tree.intern(relPath)).ignored;
    return this.tree.matches(dir, relPath, false);
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
    const dir = this.tree.intern(slash === -1 ? '' : path.slice(0, slash));
    if (at(this.tree.dirs, dir).ignored) {
      this.ignoredCount++;
      return;
    }
    this.tree.markUsed(dir); // the folder is there, even if the file is ignored
    if (this.tree.matches(dir, path, false)) {
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
    const id = this.tree.intern(record.path);
    if (at(this.tree.dirs, id).ignored) return;
    this.tree.markUsed(id);
    if (record.mtime !== undefined) at(this.tree.dirs, id).mtime = toSeconds(record.mtime);
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
      const plan = planWrite(this.store, this.tree.dirs, this.formats, this.options);
      await writeManifests(
        {
          root: this.root,
          options: this.options,
          formats: this.formats,
          hashDate: this.hashDate,
          store: this.store,
          tree: this.tree,
          temps: this.temps,
          createdFolders: this.createdFolders,
        },
        plan,
      );
      const manifests = await publish(this.tree.scopes, this.temps);
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
    for (const scope of this.tree.scopes) await scope.out?.stream.abandon();
    for (const temp of this.temps) await unlink(temp).catch(() => undefined);
    this.temps.clear();
    for (const folder of this.createdFolders.reverse()) await rmdir(folder).catch(() => undefined);
    this.createdFolders.length = 0;
  }
}
