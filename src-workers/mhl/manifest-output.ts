/** Pass 2 of a write: each taking-part history's manifest XML, streamed to a temporary file. */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { HASH_FORMATS } from '../../src-shared/hash-formats';
import type { HashFormat } from '../../src-shared/hash-formats';
import type { DirectoryHashPair } from './dir-hash';
import { bytesToHashValue } from './hash-codec';
import { ManifestStream } from './manifest-stream';
import { ASCMHL_FOLDER, formatManifestName } from './manifest-names';
import { MANIFEST_NS } from './parse';
import { pathExists } from './publish';
import { ACTION_NAMES } from './record-store';
import type { RecordStore } from './record-store';
import type { HistoryWriterOptions } from './writer-options';
import type { WritePlan } from './writer-plan';
import { at, outOf } from './writer-scopes';
import type { Scope, ScopeTree } from './writer-scopes';
import { escapeAttribute, escapeText, xmlDateTime, xmlDateTimeFromSeconds } from './xml-text';

/** What pass 2 needs of the writer. */
export interface ManifestJob {
  /** Absolute path of the folder the history covers. */
  root: string;
  options: HistoryWriterOptions;
  /** The directory hash formats, in HASH_FORMATS order. */
  formats: HashFormat[];
  /** The options' createdAt as an XML date: every hashdate. */
  hashDate: string;
  store: RecordStore;
  tree: ScopeTree;
  /** Temporary files made (each manifest's is added), removed by the writer on failure. */
  temps: Set<string>;
  /** ascmhl folders made (added here), removed by the writer on failure. */
  createdFolders: string[];
}

function rootHashXml(job: ManifestJob, pairs: DirectoryHashPair[] | undefined, indent: string): string {
  if (!pairs) return '';
  const part = (which: 'content' | 'structure'): string =>
    `${indent}  <${which}>\n` +
    job.formats
      .map(
        (format, f) =>
          `${indent}    <${format} hashdate="${job.hashDate}">${bytesToHashValue(format, at(pairs, f)[which])}</${format}>\n`,
      )
      .join('') +
    `${indent}  </${which}>\n`;
  return part('content') + part('structure');
}

function headerXml(job: ManifestJob, scope: Scope, rootPairs: DirectoryHashPair[] | undefined): string {
  const { options } = job;
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
    (rootPairs ? `    <roothash>\n${rootHashXml(job, rootPairs, '    ')}    </roothash>\n` : '') +
    '    <ignore>\n' +
    scope.patterns.map((p) => `      <pattern>${escapeText(p)}</pattern>\n`).join('') +
    '    </ignore>\n' +
    '  </processinfo>\n'
  );
}

/** Pass 2: every taking-part history's manifest, streamed to a temporary file. */
export async function writeManifests(job: ManifestJob, plan: WritePlan): Promise<void> {
  const { store } = job;
  const { dirs, scopes } = job.tree;
  const { order, starts, skip, hashes } = plan;
  const taking = new Set<number>();
  for (const dir of dirs) if (dir.used && !dir.ignored) taking.add(dir.scope);
  const folderName = basename(job.root);
  for (const index of [...taking].sort((a, b) => a - b)) {
    const scope = at(scopes, index);
    const history = scope.history;
    const lastSequence = history.chain.reduce((max, e) => Math.max(max, e.sequence ?? 0), 0);
    const generation = Math.max(history.lastGeneration, lastSequence) + 1;
    const name = scope.relRoot === '' ? folderName : basename(scope.relRoot);
    const fileName = formatManifestName(generation, name, job.options.createdAt);
    const folder = join(history.root, ASCMHL_FOLDER);
    if (!(await pathExists(folder))) {
      await mkdir(folder);
      job.createdFolders.push(folder);
    }
    const tempPath = join(folder, `.${fileName}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    job.temps.add(tempPath);
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
    stream.write(headerXml(job, scope, hashes[scope.rootDir]));
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
  const writeDirectoryHashes = job.options.directoryHashes !== false;

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
    const inOwner = job.tree.relativeTo(dir.scope, dir.path);
    const prefix = inOwner === '' ? '' : `${escapeText(inOwner)}/`;
    for (let k = at(starts, d); k < at(starts, d + 1); k++) {
      const i = at(order, k);
      if (skip[i]) continue;
      const attributes = `action="${ACTION_NAMES[store.action(i)]}" hashdate="${job.hashDate}"`;
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
        dir.mtime = Math.floor((await lstat(join(job.root, dir.path))).mtimeMs / 1000);
      } catch {
        // not on disk (or unreadable): no date
      }
    }
    const pairs = at(hashes, d);
    const block = (which: 'content' | 'structure'): string =>
      `      <${which}>\n` +
      job.formats
        .map(
          (format, f) =>
            `        <${format} hashdate="${job.hashDate}">${bytesToHashValue(format, at(pairs, f)[which])}</${format}>\n`,
        )
        .join('') +
      `      </${which}>\n`;
    const flush = entry(
      at(scopes, target),
      '    <directoryhash>\n' +
        `      <path${dateAttribute(dir.mtime)}>` +
        `${escapeText(job.tree.relativeTo(target, dir.path))}</path>\n` +
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
        const path = `${job.tree.relativeTo(index, childScope.relRoot)}/${ASCMHL_FOLDER}/${outOf(childScope).fileName}`;
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
