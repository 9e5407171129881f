/**
 * What a transfer keeps about each file that landed, beyond the report: the ASC MHL histories
 * (mhl-recorder.ts) and the xxhsum-format checksum file of each destination. Checksum lines are gathered in
 * the job's own folder and published at the end, complete or not at all, under a visible name that says what
 * and when (`<folder>_<UTC date and time>.xxh64`).
 */
import { basename } from 'node:path';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import type { TransferJobSpec } from '../../src-shared/worker-protocol';
import type { PreflightResult } from '../../src-node/preflight/transfer-preflight';
import { ChecksumFile } from './checksum-file';
import type { DestIndex } from './dest-index';
import type { DestinationTally } from './destination-tally';
import { nameText, type FsBackend } from './fs-backend';
import { MhlRecorder } from './mhl-recorder';
import type { FailureInput } from './outcome-ledger';
import type { FileRecorder } from './pass-types';
import type { FolderList } from './source-plan';

export class TransferRecorder implements FileRecorder {
  private readonly checksums: ChecksumFile[];
  private mhl: MhlRecorder | null = null;

  constructor(
    private readonly spec: TransferJobSpec,
    private readonly checked: PreflightResult,
    private readonly tallies: DestinationTally[],
    private readonly fail: (failure: FailureInput) => void,
  ) {
    this.checksums = spec.checksum_file
      ? checked.destinations.map((_, d) => new ChecksumFile(`${spec.report_path}.d${d}`))
      : [];
  }

  /**
   * Before anything is written: read and check each source folder's ASC MHL history (a broken chain throws,
   * naming the manifest). Resolves with the formats the histories hold, to be computed too.
   */
  async readSourceHistories(): Promise<HashFormat[]> {
    const folders = this.checked.sources.filter((source) => source.isDir).map((source) => source.path);
    const destinations = this.checked.destinations.map((each) => each.destination);
    this.mhl = await MhlRecorder.prepare(this.spec.report_path, folders, destinations, this.fail);
    return this.mhl.historyFormats();
  }

  file(
    dest: number,
    destRel: string,
    size: number,
    mtime: { s: number; ns: number },
    hashes: HashValues,
  ): void {
    const xxh64 = hashes.xxh64;
    if (xxh64) this.checksums[dest]?.add(destRel, xxh64);
    this.mhl?.file(dest, destRel, size, mtime, hashes);
  }

  /** The checksum file's name: the first source's folder name and the job's start, in UTC. */
  static checksumName(firstSource: string, startedAt: Date): string {
    const stamp = startedAt
      .toISOString()
      .replace(/T/, '_')
      .replace(/:/g, '')
      .replace(/\.\d+Z$/, 'Z');
    return `${basename(firstSource)}_${stamp}.xxh64`;
  }

  /** Each destination's checksum file, published in its root (a name that is taken is a failure, named). */
  publishChecksums(backend: FsBackend, dests: DestIndex[], startedAt: number): void {
    if (this.checksums.length === 0) return;
    const name = TransferRecorder.checksumName(
      this.checked.sources[0]?.path ?? 'wrangle',
      new Date(startedAt),
    );
    dests.forEach((dest, d) => {
      const published = this.checksums[d]?.publish(backend, dest.rootFd, name);
      if (!published) return;
      const tally = this.tallies[d];
      if (published.ok && tally) tally.checksumFile = `${dest.rootPath}/${name}`;
      else if (!published.ok)
        this.fail({
          path: `${dest.rootPath}/${name}`,
          code: 'COPY_IO_ERROR',
          errno: 'EIO',
          cause: `Cannot write the checksum file (${published.why})`,
        });
    });
  }

  /** A new ASC MHL generation in each copied folder at each destination (every folder of the plan counts). */
  async writeHistories(formats: HashFormat[], folders: FolderList | null, whole: boolean): Promise<void> {
    if (!this.mhl) return;
    const paths: string[] = [];
    for (let row = 0; row < (folders?.length ?? 0); row++) paths.push(nameText(folders?.relative(row) ?? ''));
    const written = await this.mhl.finish(formats, paths, whole);
    written.forEach((manifests, d) => this.tallies[d]?.mhlManifests.push(...manifests));
  }

  /** Drop what was gathered (a job that did not complete publishes no checksum file and no generation). */
  discard(): void {
    for (const file of this.checksums) file.discard();
    this.mhl?.discard();
  }
}
