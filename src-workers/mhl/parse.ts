/**
 * Streaming parsers for the two ASC MHL files: a manifest (`hashlist`, urn:ASC:MHL:v2.0) and the chain
 * (`ascmhldirectory`, urn:ASC:MHL:DIRECTORY:v2.0). Files are read once, in 1 MiB chunks: the bytes feed
 * the C4 hash (what the chain records) and the XML parser together, and hash entries go to a callback one
 * at a time, so a manifest of a million files never sits in memory whole.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import type { SaxesTagNS } from 'saxes';
import { HASH_FORMATS } from '../../src-shared/hash-formats';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import { createHasher } from '../hashing/hasher';
import { MhlChainError } from './errors';
import { normalizeHash } from './hash-codec';

export const MANIFEST_NS = 'urn:ASC:MHL:v2.0';
export const CHAIN_NS = 'urn:ASC:MHL:DIRECTORY:v2.0';

export type HashAction = 'original' | 'verified' | 'failed';

/** A `hash` (file) or `directoryhash` (folder) element of a manifest. */
export interface ManifestEntry {
  kind: 'file' | 'directory';
  path: string;
  previousPath?: string;
  size?: number;
  lastModified?: string;
  /** File hashes with their action (missing action: taken as original). */
  hashes: Partial<Record<HashFormat, { value: string; action: HashAction }>>;
  /** Folder hashes. */
  content: HashValues;
  structure: HashValues;
}

export interface MhlAuthor {
  name: string;
  email?: string;
  phone?: string;
  role?: string;
}

/** Everything in a manifest but its hash entries. */
export interface ManifestInfo {
  creationDate: string;
  hostname: string;
  tool: { name: string; version?: string };
  authors: MhlAuthor[];
  location?: string;
  comment?: string;
  processType: string;
  rootHash?: { content: HashValues; structure: HashValues };
  ignorePatterns: string[];
  references: { path: string; c4: string }[];
  fileCount: number;
  directoryCount: number;
}

/** One `hashlist` entry of a chain file. */
export interface ChainEntry {
  sequence: number | undefined;
  path: string;
  c4: string;
}

const isFormat = (name: string): name is HashFormat => (HASH_FORMATS as readonly string[]).includes(name);
const isAction = (text: string): text is HashAction =>
  text === 'original' || text === 'verified' || text === 'failed';

function attr(tag: SaxesTagNS, name: string): string | undefined {
  return tag.attributes[name]?.value;
}

/**
 * Feed a file through `setup`'s parser while hashing its bytes in C4. Parse errors become MhlChainError
 * (`malformed`) naming `display` and the line; when `expectedC4` is given and the bytes do not hash to it,
 * that is reported instead (a changed file is the likelier story than a tool writing broken XML).
 */
async function streamFile(
  absPath: string,
  display: string,
  setup: (parser: SaxesParser<{ xmlns: true; position: true; fileName: string }>) => void,
  mismatch?: (actualC4: string) => MhlChainError | undefined,
): Promise<string> {
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: display });
  setup(parser);
  const hasher = createHasher(['c4']);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let failure: unknown;
  const feed = (text: string): void => {
    if (failure !== undefined) return;
    try {
      parser.write(text);
    } catch (error) {
      failure = error;
    }
  };
  try {
    for await (const chunk of createReadStream(absPath, { highWaterMark: 1 << 20 })) {
      const bytes = chunk as Buffer;
      hasher.update(bytes);
      if (failure !== undefined) continue;
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        failure = new Error(`${display}:${parser.line}: the file is not valid UTF-8`);
        continue;
      }
      feed(text);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new MhlChainError(
      display,
      'unreadable',
      `${display}: could not be read (${code || String(error)}). Check the drive and its permissions. Nothing was written.`,
    );
  }
  if (failure === undefined) {
    try {
      feed(decoder.decode());
      if (failure === undefined) parser.close();
    } catch (error) {
      failure ??= error;
    }
  }
  const c4 = hasher.digest().c4 ?? '';
  const changed = mismatch?.(c4);
  if (changed) throw changed;
  if (failure !== undefined) {
    if (failure instanceof MhlChainError) throw failure;
    const message = failure instanceof Error ? failure.message : String(failure);
    // saxes says "file:line:column: why"
    throw new MhlChainError(
      display,
      'malformed',
      `${message.replace(/^(.*?):(\d+):(\d+): /, '$1: line $2, column $3: ').replace(/\.$/, '')} ` +
        '(not well-formed XML, or not ASC MHL). Restore the file from another copy of this folder. ' +
        'Nothing was written.',
    );
  }
  return c4;
}

/**
 * Parse a manifest: its creator and process info, references, and each hash entry through `onEntry`.
 * `mismatch` is asked with the file's C4 before any parse error is reported (see streamFile).
 */
export async function parseManifest(
  absPath: string,
  display: string,
  onEntry: (entry: ManifestEntry) => void,
  mismatch?: (actualC4: string) => MhlChainError | undefined,
): Promise<{ info: ManifestInfo; c4: string }> {
  const info: ManifestInfo = {
    creationDate: '',
    hostname: '',
    tool: { name: '' },
    authors: [],
    processType: '',
    ignorePatterns: [],
    references: [],
    fileCount: 0,
    directoryCount: 0,
  };
  let text = '';
  const stack: string[] = [];
  let entry: ManifestEntry | undefined;
  let rootHash: { content: HashValues; structure: HashValues } | undefined;
  let reference: { path: string; c4: string } | undefined;
  let metadataDepth = 0;
  let fileAction: string | undefined;

  const c4 = await streamFile(
    absPath,
    display,
    (parser) => {
      const fail = (why: string): never => {
        throw parser.makeError(why);
      };
      parser.on('opentag', (tag) => {
        text = '';
        if (metadataDepth > 0 || tag.local === 'metadata') {
          metadataDepth++;
          return;
        }
        if (stack.length === 0) {
          if (tag.local !== 'hashlist' || tag.uri !== MANIFEST_NS)
            fail(
              `the root element is <${tag.name}> (${tag.uri || 'no namespace'}), not an ASC MHL <hashlist>`,
            );
          const version = attr(tag, 'version');
          if (version !== undefined && version !== '2.0')
            fail(`ASC MHL version ${version} is not supported (only 2.0)`);
        }
        const parent = stack[stack.length - 1];
        const local = tag.local;
        if (parent === 'hashes' && (local === 'hash' || local === 'directoryhash')) {
          entry = {
            kind: local === 'hash' ? 'file' : 'directory',
            path: '',
            hashes: {},
            content: {},
            structure: {},
          };
        } else if (parent === 'processinfo' && local === 'roothash') {
          rootHash = { content: {}, structure: {} };
        } else if (parent === 'references' && local === 'hashlistreference') {
          reference = { path: '', c4: '' };
        } else if (parent === 'creatorinfo' && local === 'tool') {
          const version = attr(tag, 'version');
          info.tool = version === undefined ? { name: '' } : { name: '', version };
        } else if (parent === 'creatorinfo' && local === 'author') {
          const author: MhlAuthor = { name: '' };
          for (const key of ['email', 'phone', 'role'] as const) {
            const value = attr(tag, key);
            if (value !== undefined) author[key] = value;
          }
          info.authors.push(author);
        } else if (entry && local === 'path') {
          const size = attr(tag, 'size');
          if (size !== undefined) {
            const bytes = Number(size);
            if (!Number.isSafeInteger(bytes) || bytes < 0) fail(`size="${size}" is not a byte count`);
            entry.size = bytes;
          }
          const modified = attr(tag, 'lastmodificationdate');
          if (modified !== undefined) entry.lastModified = modified;
        } else if (entry?.kind === 'file' && isFormat(local)) {
          fileAction = attr(tag, 'action');
        }
        stack.push(local);
      });
      parser.on('text', (chunk) => {
        if (metadataDepth === 0) text += chunk;
      });
      parser.on('cdata', (chunk) => {
        if (metadataDepth === 0) text += chunk;
      });
      parser.on('closetag', () => {
        if (metadataDepth > 0) {
          metadataDepth--;
          return;
        }
        const local = stack.pop() ?? '';
        const parent = stack[stack.length - 1];
        const value = text;
        text = '';
        if (parent === 'creatorinfo') {
          if (local === 'creationdate') info.creationDate = value.trim();
          else if (local === 'hostname') info.hostname = value.trim();
          else if (local === 'tool') info.tool.name = value.trim();
          else if (local === 'author') {
            const author = info.authors[info.authors.length - 1];
            if (author) author.name = value.trim();
          } else if (local === 'location') info.location = value.trim();
          else if (local === 'comment') info.comment = value.trim();
        } else if (parent === 'processinfo' && local === 'process') {
          info.processType = value.trim();
        } else if (parent === 'ignore' && local === 'pattern') {
          info.ignorePatterns.push(value);
        } else if (rootHash && (parent === 'content' || parent === 'structure') && isFormat(local)) {
          if (stack[stack.length - 2] === 'roothash') rootHash[parent][local] = hashValue(local, value);
          else if (entry) entry[parent][local] = hashValue(local, value);
        } else if (entry && (parent === 'content' || parent === 'structure') && isFormat(local)) {
          entry[parent][local] = hashValue(local, value);
        } else if (local === 'roothash') {
          info.rootHash = rootHash;
          rootHash = undefined;
        } else if (entry && (parent === 'hash' || parent === 'directoryhash')) {
          if (local === 'path') entry.path = cleanPath(value, entry.kind === 'directory');
          else if (local === 'previousPath')
            entry.previousPath = cleanPath(value, entry.kind === 'directory');
          else if (entry.kind === 'file' && isFormat(local)) {
            const action = fileAction ?? 'original';
            if (!isAction(action)) fail(`action="${action}" is not original, verified or failed`);
            entry.hashes[local] = { value: hashValue(local, value), action: action as HashAction };
            fileAction = undefined;
          }
        } else if (entry && (local === 'hash' || local === 'directoryhash')) {
          if (entry.path === '' && entry.kind === 'file') fail(`a <${local}> has no path`);
          if (entry.kind === 'file') info.fileCount++;
          else info.directoryCount++;
          onEntry(entry);
          entry = undefined;
        } else if (reference && parent === 'hashlistreference') {
          if (local === 'path') reference.path = cleanPath(value, false);
          else if (local === 'c4') reference.c4 = hashValue('c4', value);
        } else if (reference && local === 'hashlistreference') {
          info.references.push(reference);
          reference = undefined;
        }
      });
      const hashValue = (format: HashFormat, value: string): string => {
        const normalized = normalizeHash(format, value);
        if (normalized === undefined) fail(`"${value.trim()}" is not a ${format} hash`);
        return normalized as string;
      };
    },
    mismatch,
  );
  return { info, c4 };
}

/** A recorded path: `/` separators, no leading `./`, no trailing `/` (spec examples write `Clips/`). */
function cleanPath(value: string, isDir: boolean): string {
  let path = value.replace(/^(\.\/)+/, '');
  if (isDir) path = path.replace(/\/+$/, '');
  return path === '.' ? '' : path;
}

/** Parse a chain file (`ascmhl_chain.xml`): its entries, in file order, and the C4 of its bytes. */
export async function parseChain(
  absPath: string,
  display: string,
): Promise<{ entries: ChainEntry[]; c4: string }> {
  const entries: ChainEntry[] = [];
  let text = '';
  const stack: string[] = [];
  let current: ChainEntry | undefined;
  const c4 = await streamFile(absPath, display, (parser) => {
    const fail = (why: string): never => {
      throw parser.makeError(why);
    };
    parser.on('opentag', (tag) => {
      text = '';
      if (stack.length === 0 && (tag.local !== 'ascmhldirectory' || tag.uri !== CHAIN_NS))
        fail(
          `the root element is <${tag.name}> (${tag.uri || 'no namespace'}), not an ASC MHL <ascmhldirectory>`,
        );
      if (stack.length === 1 && tag.local === 'hashlist') {
        const sequence = attr(tag, 'sequencenr');
        const number = sequence === undefined ? undefined : Number(sequence);
        if (number !== undefined && !Number.isSafeInteger(number))
          fail(`sequencenr="${sequence}" is not a number`);
        current = { sequence: number, path: '', c4: '' };
      }
      stack.push(tag.local);
    });
    parser.on('text', (chunk) => (text += chunk));
    parser.on('closetag', () => {
      const local = stack.pop() ?? '';
      if (current && stack.length === 2) {
        if (local === 'path') current.path = text;
        else if (local === 'c4') {
          const value = normalizeHash('c4', text);
          if (value === undefined) fail(`"${text.trim()}" is not a C4 id`);
          current.c4 = value as string;
        } else if (isFormat(local)) fail(`the chain records a ${local} hash; ASC MHL chains use c4`);
      } else if (current && stack.length === 1 && local === 'hashlist') {
        if (current.path === '') fail('a <hashlist> entry has no path');
        if (current.c4 === '') fail(`the entry for ${current.path} has no <c4> hash`);
        entries.push(current);
        current = undefined;
      }
      text = '';
    });
  });
  return { entries, c4 };
}
