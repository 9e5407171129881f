/** What a root's history holds, in memory: MhlHistory, its generations, records and nested histories. */
import { HASH_FORMATS } from '../../src-shared/hash-formats';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import { FIELDS_BEFORE_HASHES, FileIndex, own, packFile, SEP, unpackHashes } from './file-index';
import { DEFAULT_IGNORE_PATTERNS } from './ignore-patterns';
import { xmlDateTimeFromSeconds } from './xml-text';
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

function relativeTo(base: string, path: string): string {
  if (base === '') return path;
  return path === '' ? base : `${base}/${path}`;
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

  /** Folder path → file name → packed record (see packFile, file-index.ts). */
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
