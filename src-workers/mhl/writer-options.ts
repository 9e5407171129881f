/** What HistoryWriter takes and gives (options, records, result), and the checks its options must pass. */
import { basename } from 'node:path';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import { formatManifestName } from './manifest-names';
import { unwritableCharacter } from './xml-text';

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

function checkText(what: string, text: string): void {
  const bad = unwritableCharacter(text);
  if (bad !== undefined) throw new RangeError(`${what} contains ${bad}, which an XML manifest cannot hold.`);
}

/** Throw RangeError for options a manifest cannot hold (HistoryWriter.open runs this first). */
export function checkOptions(root: string, options: HistoryWriterOptions): void {
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
}
