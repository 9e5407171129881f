/**
 * ASC MHL histories for a copy (`--mhl`). Before anything is written, each source folder's own history is
 * read and checked (a broken chain stops the job, naming the file). As files land, each one's hashes, from
 * the one read, are compared with the newest trustworthy hash that history holds for it: a match is
 * `verified`, a mismatch `failed` (and a failure of the job, never silent), a file it does not know
 * `original`. The records are spooled to the job's folder per destination, and at the end each copied
 * top-level folder at each destination gets a new generation: the history copied along with the folder is
 * continued, or a new one is started. Nested histories stay nested (the writer routes records into them).
 */
import { createReadStream } from 'node:fs';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { HASH_FORMATS, type HashFormat, type HashValues } from '../../src-shared/hash-formats';
import { JobError } from '../../src-node/job-error';
import { HistoryWriter, MhlChainError, readHistory, type MhlHistory } from '../mhl';
import type { FailureInput } from './outcome-ledger';
import { PartialFile } from './partial-file';

/** What the manifests say made them. */
export const TOOL = { name: 'Wrangle', version: process.env.WRANGLE_VERSION ?? '0.1.0' };

/** One spooled record: path below the top folder, size, mtime, hashes, action. */
interface SpoolLine {
  p: string;
  s: number;
  ms: number;
  mns: number;
  h: HashValues;
  a: 'original' | 'verified' | 'failed';
}

/** A source folder that gets histories at the destinations. */
interface TopFolder {
  name: string;
  history: MhlHistory;
  /** One spool per destination (created when its first record comes). */
  spools: (PartialFile | null)[];
}

export class MhlRecorder {
  private readonly tops = new Map<string, TopFolder>();
  /** The last file compared with its source history, so N destinations compare it once. */
  private last: { key: string; action: SpoolLine['a'] } | null = null;
  /** Taken once for the operation: names every manifest it writes. */
  private readonly createdAt = new Date();

  private constructor(
    private readonly jobFile: string,
    private readonly destinations: readonly string[],
    private readonly fail: (failure: FailureInput) => void,
  ) {}

  /**
   * Read and check each folder source's history. Throws a JobError naming the manifest when a chain does
   * not match (nothing has been written yet).
   */
  static async prepare(
    jobFile: string,
    folderSources: readonly string[],
    destinations: readonly string[],
    fail: (failure: FailureInput) => void,
  ): Promise<MhlRecorder> {
    const recorder = new MhlRecorder(jobFile, destinations, fail);
    for (const source of folderSources) {
      let history: MhlHistory;
      try {
        history = await readHistory(source);
      } catch (error) {
        if (error instanceof MhlChainError)
          throw new JobError(
            `The ASC MHL history of ${source} cannot be trusted: ${error.message}`,
            'MHL_HISTORY_INVALID',
          );
        throw error;
      }
      recorder.tops.set(basename(source), {
        name: basename(source),
        history,
        spools: destinations.map(() => null),
      });
    }
    return recorder;
  }

  /** Formats the source histories hold: computed too, so every file can be checked against them. */
  historyFormats(): HashFormat[] {
    const found = new Set<HashFormat>();
    for (const top of this.tops.values())
      for (const path of top.history.paths().slice(0, 1000)) {
        const values = top.history.lookup(path);
        for (const format of HASH_FORMATS) if (values?.[format]) found.add(format);
      }
    return HASH_FORMATS.filter((format) => found.has(format));
  }

  /** A file now at destination `dest` (path relative to the destination root, starting with its top folder). */
  file(
    dest: number,
    destRel: string,
    size: number,
    mtime: { s: number; ns: number },
    values: HashValues,
  ): void {
    const cut = destRel.indexOf('/');
    const top = cut < 0 ? undefined : this.tops.get(destRel.slice(0, cut));
    if (!top) return;
    const rel = destRel.slice(cut + 1);
    const line: SpoolLine = {
      p: rel,
      s: size,
      ms: mtime.s,
      mns: mtime.ns,
      h: values,
      a: this.actionFor(top, rel, values),
    };
    let spool = top.spools[dest];
    if (spool === undefined) return;
    if (spool === null) {
      spool = new PartialFile(
        `${this.jobFile}.mhl-${dest}-${top.name.replace(/[^A-Za-z0-9_-]/g, '_')}-${process.pid}`,
      );
      top.spools[dest] = spool;
    }
    spool.append(`${JSON.stringify(line)}\n`);
  }

  /** Compare a file's hashes with its source history; a mismatch is reported once, whatever the destinations. */
  private actionFor(top: TopFolder, rel: string, values: HashValues): SpoolLine['a'] {
    const key = `${top.name}/${rel}`;
    if (this.last?.key === key) return this.last.action;
    const known = top.history.lookup(rel);
    let action: SpoolLine['a'] = 'original';
    if (known) {
      const shared = HASH_FORMATS.filter((format) => known[format] && values[format]);
      const differs = shared.filter((format) => known[format] !== values[format]);
      action = shared.length === 0 ? 'original' : differs.length > 0 ? 'failed' : 'verified';
      if (action === 'failed') {
        const format = differs[0] as HashFormat;
        this.fail({
          path: key,
          code: 'VERIFY_MISMATCH',
          errno: 'EIO',
          cause: 'The source differs from its ASC MHL history (recorded as failed in the new generation)',
          detail: `${format} ${values[format]} read, ${known[format]} in the history`,
        });
      }
    }
    this.last = { key, action };
    return action;
  }

  /**
   * Write a new generation into each copied top-level folder at each destination (with folder hashes only
   * when the job covered whole folders, not a retry's few files). Returns the manifests
   * written per destination; a history that cannot be written is a failure of the job, named.
   */
  async finish(formats: HashFormat[], folders: readonly string[], whole: boolean): Promise<string[][]> {
    const written: string[][] = this.destinations.map(() => []);
    for (const top of this.tops.values()) {
      for (const [dest, spool] of top.spools.entries()) {
        if (!spool) continue;
        spool.close();
        const root = `${this.destinations[dest]}/${top.name}`;
        try {
          const writer = await HistoryWriter.open(root, {
            processType: 'transfer',
            formats,
            createdAt: this.createdAt,
            hostname: hostname(),
            tool: TOOL,
            // A retry copies only what failed before: its records do not cover the folders, so no folder hashes.
            directoryHashes: whole,
          });
          try {
            // Every folder counts in the directory hashes, empty ones too (the records only name files).
            const prefix = `${top.name}/`;
            for (const folder of folders)
              if (folder.startsWith(prefix)) writer.addDirectory({ path: folder.slice(prefix.length) });
            for await (const text of createInterface({
              input: createReadStream(spool.temp),
              crlfDelay: Infinity,
            })) {
              if (text === '') continue;
              const line = JSON.parse(text) as SpoolLine;
              writer.add({
                path: line.p,
                size: line.s,
                mtime: { s: line.ms, ns: line.mns },
                hashes: line.h,
                action: line.a,
              });
            }
            const result = await writer.finish();
            written[dest]?.push(...result.manifests);
          } catch (error) {
            await writer.discard();
            throw error;
          }
        } catch (error) {
          this.fail({
            path: `${root}/ascmhl`,
            code: 'COPY_IO_ERROR',
            errno: 'EIO',
            cause: `Cannot write the ASC MHL history (${(error as Error).message})`,
          });
        } finally {
          spool.discard();
        }
      }
    }
    return written;
  }

  /** Drop the spooled records (a job that did not complete writes no generation). */
  discard(): void {
    for (const top of this.tops.values()) for (const spool of top.spools) spool?.discard();
  }
}
