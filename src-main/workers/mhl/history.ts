/**
 * Reading an ASC MHL history: `root/ascmhl/` (the chain and its manifests) and every history nested below
 * root, each checked against its chain before anything in it is believed.
 *
 * The checks (spec 5.3, 5.4 and implementation guidelines 2.7): every manifest the chain lists must be
 * there and hash (C4 of its bytes) to what the chain records; every manifest in the folder must be listed;
 * a nested manifest a parent references must hash to the reference's C4. Any failure throws MhlChainError
 * naming the file, why, and what to do. Nothing here writes.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HASH_FORMATS } from '../../../src-shared/hash-formats';
import type { HashFormat, HashValues } from '../../../src-shared/hash-formats';
import { loadHashing } from '../hashing/hasher';
import { MhlChainError } from './errors';
import { DEFAULT_IGNORE_PATTERNS } from './ignore-patterns';
import { xmlDateTimeFromSeconds } from './xml-text';
import { ASCMHL_FOLDER, CHAIN_FILE, looksLikeManifest, manifestGeneration } from './manifest-names';
import { parseChain, parseManifest } from './parse';
import type { ChainEntry, ManifestEntry, ManifestInfo } from './parse';

/** One manifest of a history. */
export interface MhlGeneration extends ManifestInfo {
  number: number;
  /** The manifest's file name inside `ascmhl/`. */
  fileName: string;
  /** C4 of the manifest's bytes (checked against the chain). */
  c4: string;
  /** creationdate, parsed (undefined when it is not a date). */
  createdAt: Date | undefined;
}

/** What a history knows of one file: the newest trustworthy hash per format, and the newest record's facts. */
export interface MhlFileRecord {
  /** Newest hash per format whose action was original or verified (never failed). */
  hashes: HashValues;
  size: number | undefined;
  /** lastmodificationdate as recorded. */
  lastModified: string | undefined;
  /** Generation of the newest record of the file. */
  generation: number;
  /** Whether the newest record of the file had a failed hash. */
  lastFailed: boolean;
  /** The history holding the record, relative to the root asked about ('' for that root itself). */
  historyPath: string;
}

/** A folder's newest recorded content and structure hashes, per format. */
export interface MhlDirectoryHashes {
  content: HashValues;
  structure: HashValues;
  generation: number;
}

export interface MhlNestedHistory {
  /** The nested history's root, relative to the parent's root. */
  path: string;
  history: MhlHistory;
}

const SEP = '\u0001';
const FIELDS_BEFORE_HASHES = 4; // size, lastModified, generation, lastFailed

/** A file's record packed into one string (a million of them stay small). */
function packFile(
  size: number | undefined,
  lastModified: string | number | undefined,
  generation: number,
  lastFailed: boolean,
  hashes: readonly (string | undefined)[],
): string {
  return [
    size ?? '',
    lastModified ?? '',
    generation,
    lastFailed ? '1' : '',
    ...hashes.map((h) => h ?? ''),
  ].join(SEP);
}

function unpackHashes(fields: string[], start: number): HashValues {
  const hashes: HashValues = {};
  HASH_FORMATS.forEach((format, i) => {
    const value = fields[start + i];
    if (value) hashes[format] = value;
  });
  return hashes;
}

function relativeTo(base: string, path: string): string {
  if (base === '') return path;
  return path === '' ? base : `${base}/${path}`;
}

/**
 * A copy of a string that shares no memory with the text it was cut from: the parser's strings are slices
 * of 1 MiB chunks, and one kept slice would keep its whole chunk alive.
 */
function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/** Packed file records by folder, then name: a million paths cost names, not full paths. */
class FileIndex {
  private readonly byDir = new Map<string, Map<string, string>>();
  size = 0;

  private split(path: string): [string, string] {
    const slash = path.lastIndexOf('/');
    return slash === -1 ? ['', path] : [path.slice(0, slash), path.slice(slash + 1)];
  }

  get(path: string): string | undefined {
    const [dir, name] = this.split(path);
    return this.byDir.get(dir)?.get(name);
  }

  set(path: string, packed: string): void {
    const [dir, name] = this.split(path);
    let names = this.byDir.get(dir);
    if (!names) {
      names = new Map();
      this.byDir.set(own(dir), names);
    }
    if (names.has(name)) names.set(name, packed);
    else {
      names.set(own(name), packed);
      this.size++;
    }
  }

  delete(path: string): void {
    const [dir, name] = this.split(path);
    if (this.byDir.get(dir)?.delete(name)) this.size--;
  }

  paths(): string[] {
    const out: string[] = [];
    for (const [dir, names] of this.byDir)
      for (const name of names.keys()) out.push(dir === '' ? name : `${dir}/${name}`);
    return out;
  }
}

/** What a root's history holds. Build with readHistory(). */
export class MhlHistory {
  /** Generations in order, oldest first. */
  readonly generations: MhlGeneration[] = [];
  /** Histories directly below this one (each knows its own nested ones). */
  readonly nested: MhlNestedHistory[] = [];
  /** Referenced nested histories whose folder or ascmhl folder is gone, relative to root, with why. */
  readonly missingReferences: { path: string; reason: string }[] = [];
  /** The chain as read (entries in file order), to be rewritten with one more entry. */
  chain: ChainEntry[] = [];
  /** C4 of ascmhl_chain.xml as read (undefined: there was none). */
  chainC4: string | undefined;
  /** Whether `root/ascmhl` existed. */
  ascmhlExists = false;
  /** Whether file and folder records were indexed (see ReadHistoryOptions). */
  recordsRead = true;

  /** Folder path → file name → packed record (see packFile). */
  private readonly files = new FileIndex();
  private readonly directories = new Map<string, string>();
  private readonly nestedByPath = new Map<string, MhlHistory>();

  constructor(
    /** Absolute path of the folder the history covers. */
    readonly root: string,
    /** How paths of this history are shown in messages ('' for the top; 'A002R2EC/' for a nested one). */
    readonly displayPrefix = '',
  ) {}

  /** Whether there is a history here at all (at least one generation). */
  get exists(): boolean {
    return this.generations.length > 0;
  }

  /** The newest generation's number, 0 when there is none. */
  get lastGeneration(): number {
    return this.generations.reduce((max, generation) => Math.max(max, generation.number), 0);
  }

  /** Ignore patterns of the newest generation; the defaults when there is no generation. */
  get ignorePatterns(): string[] {
    const newest = this.generations[this.generations.length - 1];
    return newest && newest.ignorePatterns.length > 0
      ? [...newest.ignorePatterns]
      : [...DEFAULT_IGNORE_PATTERNS];
  }

  private checkRecords(): void {
    if (!this.recordsRead)
      throw new Error('This history was read without its records (records: false); use readHistory(root).');
  }

  /** Every nested history at any depth, with its root relative to this root; parents before children. */
  allNested(): MhlNestedHistory[] {
    const out: MhlNestedHistory[] = [];
    for (const child of this.nested) {
      out.push(child);
      for (const grand of child.history.allNested())
        out.push({ path: `${child.path}/${grand.path}`, history: grand.history });
    }
    return out;
  }

  /** The direct nested history holding `relPath`, and the path inside it; undefined when none does. */
  private route(relPath: string): { child: MhlHistory; childPath: string; prefix: string } | undefined {
    if (this.nestedByPath.size === 0) return undefined;
    for (let slash = relPath.indexOf('/'); slash !== -1; slash = relPath.indexOf('/', slash + 1)) {
      const prefix = relPath.slice(0, slash);
      const child = this.nestedByPath.get(prefix);
      if (child) return { child, childPath: relPath.slice(slash + 1), prefix };
    }
    return undefined;
  }

  /** The newest trustworthy hashes of a file (path relative to root, `/` separators), per format. */
  lookup(relPath: string): HashValues | undefined {
    const record = this.lookupRecord(relPath);
    return record && Object.keys(record.hashes).length > 0 ? record.hashes : undefined;
  }

  /** All this history (nested ones included) knows of a file, or undefined. */
  lookupRecord(relPath: string): MhlFileRecord | undefined {
    this.checkRecords();
    const routed = this.route(relPath);
    if (routed) {
      const found = routed.child.lookupRecord(routed.childPath);
      if (found) return { ...found, historyPath: relativeTo(routed.prefix, found.historyPath) };
    }
    const packed = this.files.get(relPath);
    if (packed === undefined) return undefined;
    const fields = packed.split(SEP);
    const modified = fields[1] ?? '';
    return {
      hashes: unpackHashes(fields, FIELDS_BEFORE_HASHES),
      size: fields[0] === '' ? undefined : Number(fields[0]),
      lastModified:
        modified === ''
          ? undefined
          : /^-?\d+$/.test(modified)
            ? xmlDateTimeFromSeconds(Number(modified))
            : modified,
      generation: Number(fields[2]),
      lastFailed: fields[3] === '1',
      historyPath: '',
    };
  }

  /** Every file path the history (nested ones included) has a record of, relative to root. */
  paths(): string[] {
    this.checkRecords();
    if (this.nested.length === 0) return this.files.paths();
    const all = new Set(this.files.paths());
    for (const { path, history } of this.nested) for (const p of history.paths()) all.add(`${path}/${p}`);
    return [...all];
  }

  /** The number of files this history itself (not its nested ones) has records of. */
  get fileCount(): number {
    return this.files.size;
  }

  /** A folder's newest recorded directory hashes ('' for the root); nested histories answered by their own. */
  directoryHash(relDir: string): MhlDirectoryHashes | undefined {
    this.checkRecords();
    const dir = relDir.replace(/\/+$/, '');
    const child = this.nestedByPath.get(dir);
    if (child) {
      const own = child.directoryHash('');
      if (own) return own;
    }
    const routed = this.route(dir);
    if (routed) {
      const found = routed.child.directoryHash(routed.childPath);
      if (found) return found;
    }
    const packed = this.directories.get(dir);
    if (packed === undefined) return undefined;
    const fields = packed.split(SEP);
    return {
      generation: Number(fields[0]),
      content: unpackHashes(fields, 1),
      structure: unpackHashes(fields, 1 + HASH_FORMATS.length),
    };
  }

  /** Every folder path with recorded directory hashes ('' is the root), nested ones included. */
  directoryPaths(): string[] {
    const all = new Set(this.directories.keys());
    for (const { path, history } of this.nested)
      for (const p of history.directoryPaths()) all.add(p === '' ? path : `${path}/${p}`);
    return [...all];
  }

  /** @internal Fold one generation's entry into the indexes (generations go oldest first). */
  absorb(generation: number, entry: ManifestEntry): void {
    if (entry.kind === 'directory') {
      const key = entry.previousPath ?? entry.path;
      const old = this.directories.get(key)?.split(SEP);
      if (entry.previousPath !== undefined) this.directories.delete(entry.previousPath);
      const content = HASH_FORMATS.map((f, i) => entry.content[f] ?? old?.[1 + i] ?? '');
      const structure = HASH_FORMATS.map(
        (f, i) => entry.structure[f] ?? old?.[1 + HASH_FORMATS.length + i] ?? '',
      );
      this.directories.set(own(entry.path), [generation, ...content, ...structure].join(SEP));
      return;
    }
    const key = entry.previousPath ?? entry.path;
    const old = this.files.get(key)?.split(SEP);
    if (entry.previousPath !== undefined && entry.previousPath !== entry.path)
      this.files.delete(entry.previousPath);
    let failed = false;
    const hashes = HASH_FORMATS.map((format: HashFormat, i) => {
      const hash = entry.hashes[format];
      if (hash?.action === 'failed') failed = true;
      if (hash && hash.action !== 'failed') return hash.value;
      return old?.[FIELDS_BEFORE_HASHES + i] || undefined;
    });
    // Dates as epoch seconds (10 characters, not 25); kept as written when they do not parse.
    const ms = entry.lastModified === undefined ? Number.NaN : Date.parse(entry.lastModified);
    const modified = Number.isNaN(ms) ? entry.lastModified : Math.floor(ms / 1000);
    this.files.set(entry.path, packFile(entry.size, modified, generation, failed, hashes));
  }

  /** @internal The root hash of a generation counts as the directory hash of ''. */
  absorbRoot(generation: number, rootHash: NonNullable<ManifestInfo['rootHash']>): void {
    this.absorb(generation, {
      kind: 'directory',
      path: '',
      hashes: {},
      content: rootHash.content,
      structure: rootHash.structure,
    });
  }

  /** @internal */
  addNested(path: string, history: MhlHistory): void {
    this.nested.push({ path, history });
    this.nestedByPath.set(path, history);
  }
}

const NOTHING_WRITTEN = ' Nothing was written.';

/** Names in `dir`, or undefined when it does not exist (or is not a folder). */
async function listFolder(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Read one history (not its nested ones) into `history`. */
async function loadOwnHistory(history: MhlHistory, records: boolean): Promise<void> {
  const folder = join(history.root, ASCMHL_FOLDER);
  const shown = (name: string): string => `${history.displayPrefix}${ASCMHL_FOLDER}/${name}`;
  const names = await listFolder(folder);
  if (names === undefined) return;
  history.ascmhlExists = true;
  const manifests = names.filter(looksLikeManifest).sort();
  if (!names.includes(CHAIN_FILE)) {
    if (manifests.length === 0) return; // an ascmhl folder with no history in it (yet)
    throw new MhlChainError(
      shown(CHAIN_FILE),
      'missing-chain',
      `${shown(CHAIN_FILE)} is missing, so the ${manifests.length} manifest(s) beside it (${manifests[0]}…) ` +
        'cannot be checked. Restore the chain file from another copy of this folder.' +
        NOTHING_WRITTEN,
    );
  }
  const chain = await parseChain(join(folder, CHAIN_FILE), shown(CHAIN_FILE));
  history.chain = chain.entries;
  history.chainC4 = chain.c4;

  const listed = new Set<string>();
  for (const entry of chain.entries) {
    if (entry.path.startsWith('/') || entry.path.split('/').includes('..'))
      throw new MhlChainError(
        shown(CHAIN_FILE),
        'malformed',
        `${shown(CHAIN_FILE)} lists "${entry.path}", which is not a file inside the ascmhl folder. ` +
          'Restore the chain file from another copy of this folder.' +
          NOTHING_WRITTEN,
      );
    listed.add(entry.path);
    if (!(await exists(join(folder, entry.path))))
      throw new MhlChainError(
        shown(entry.path),
        'missing-manifest',
        `${shown(entry.path)}: ${CHAIN_FILE} lists this manifest but the file is missing ` +
          '(deleted or never copied). Restore it from another copy of this folder.' +
          NOTHING_WRITTEN,
      );
  }
  for (const name of manifests)
    if (!listed.has(name))
      throw new MhlChainError(
        shown(name),
        'unlisted-manifest',
        `${shown(name)}: this manifest is in the ascmhl folder but ${CHAIN_FILE} does not list it ` +
          '(added by hand, or its writer stopped before updating the chain). Move it out of the ascmhl ' +
          'folder, or restore the folder from another copy.' +
          NOTHING_WRITTEN,
      );

  const sorted = [...chain.entries].sort(
    (a, b) =>
      (manifestGeneration(a.path) ?? a.sequence ?? 0) - (manifestGeneration(b.path) ?? b.sequence ?? 0),
  );
  for (const entry of sorted) {
    const number = manifestGeneration(entry.path.split('/').pop() ?? '') ?? entry.sequence ?? 0;
    // Entries are folded in as they stream by; generations are in order, so the newest wins.
    const { info, c4 } = await parseManifest(
      join(folder, entry.path),
      shown(entry.path),
      records ? (record) => history.absorb(number, record) : () => undefined,
      (actual) =>
        actual === entry.c4
          ? undefined
          : new MhlChainError(
              shown(entry.path),
              'hash-mismatch',
              `${shown(entry.path)}: its C4 hash is ${actual} but ${CHAIN_FILE} records ${entry.c4} ` +
                '(the manifest was changed after it was written). Restore the original manifest from ' +
                'another copy of this folder; manifests must never be edited.' +
                NOTHING_WRITTEN,
            ),
    );
    if (info.rootHash && records) history.absorbRoot(number, info.rootHash);
    const createdAt = new Date(info.creationDate);
    history.generations.push({
      ...info,
      number,
      fileName: entry.path,
      c4,
      createdAt: Number.isNaN(createdAt.getTime()) ? undefined : createdAt,
    });
  }
}

/** Folders below `root` (not root itself) that hold an `ascmhl` folder; not looking inside those. */
async function findNestedRoots(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(rel === '' ? root : join(root, rel), { withFileTypes: true });
    } catch {
      return; // unreadable: the copy reports those files; nothing nested can be read there anyway
    }
    const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    if (rel !== '' && dirs.includes(ASCMHL_FOLDER)) {
      found.push(rel);
      return;
    }
    for (const name of dirs.sort()) {
      if (rel === '' && name === ASCMHL_FOLDER) continue;
      await walk(rel === '' ? name : `${rel}/${name}`);
    }
  };
  await walk('');
  return found;
}

async function loadTree(history: MhlHistory, records: boolean): Promise<void> {
  await loadOwnHistory(history, records);
  for (const rel of await findNestedRoots(history.root)) {
    const child = new MhlHistory(join(history.root, rel), `${history.displayPrefix}${rel}/`);
    child.recordsRead = records;
    await loadTree(child, records);
    history.addNested(rel, child);
  }
  checkReferences(history);
}

/** Each reference to a nested manifest must find it, with the C4 it records. */
function checkReferences(history: MhlHistory): void {
  const nested = new Map(history.allNested().map((n) => [n.path, n.history]));
  for (const generation of history.generations) {
    for (const reference of generation.references) {
      const parts = reference.path.split('/');
      const fileName = parts.pop() ?? '';
      if (parts.pop() !== ASCMHL_FOLDER || parts.length === 0) continue; // not a nested history's manifest
      const childRoot = parts.join('/');
      const child = nested.get(childRoot);
      const shown = `${history.displayPrefix}${reference.path}`;
      const by = `${history.displayPrefix}${ASCMHL_FOLDER}/${generation.fileName}`;
      if (!child || !child.ascmhlExists) {
        if (!history.missingReferences.some((m) => m.path === childRoot))
          history.missingReferences.push({
            path: childRoot,
            reason: `${by} references ${shown}, but ${history.displayPrefix}${childRoot} has no ASC MHL history any more`,
          });
        continue;
      }
      const target = child.generations.find((g) => g.fileName === fileName);
      if (!target)
        throw new MhlChainError(
          shown,
          'missing-manifest',
          `${shown}: ${by} references this nested manifest but it is not in that folder's history ` +
            '(deleted, or the ascmhl folder was replaced by an older copy). Restore it from another copy.' +
            NOTHING_WRITTEN,
        );
      if (target.c4 !== reference.c4)
        throw new MhlChainError(
          shown,
          'hash-mismatch',
          `${shown}: its C4 hash is ${target.c4} but ${by} references it as ${reference.c4} (the nested ` +
            'history was changed after it was referenced). Restore the folder from another copy.' +
            NOTHING_WRITTEN,
        );
    }
  }
}

export interface ReadHistoryOptions {
  /**
   * Index every file and folder record for lookup(), paths() and directoryHash() (default true). false
   * still checks every chain and reference and reads each generation's details, in far less memory: what
   * HistoryWriter.open needs.
   */
  records?: boolean;
}

/**
 * Read the history at `root/ascmhl/` and every history nested below root (found by walking the tree;
 * a folder holding an `ascmhl` folder is a nested history's root). Throws MhlChainError when a chain and
 * its manifests disagree, or a file is malformed. No history at all gives an empty MhlHistory
 * (`exists` false).
 */
export async function readHistory(root: string, options: ReadHistoryOptions = {}): Promise<MhlHistory> {
  await loadHashing();
  const history = new MhlHistory(root);
  history.recordsRead = options.records !== false;
  await loadTree(history, history.recordsRead);
  return history;
}
