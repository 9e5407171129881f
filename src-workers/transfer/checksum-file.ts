/**
 * The xxh64sum file a copy can leave in its destination: lines gathered in the job's own folder as files
 * are verified, then published into the destination like any copied file (through its directory
 * descriptor, complete or not at all).
 */
import { basename, dirname } from 'node:path';
import { CopyFlag, CopyResult, type FsBackend } from './fs-backend';
import { PartialFile } from './partial-file';
import { checksumLine } from './report-writer';

/** Collects checksum lines, then publishes them as one file. */
export class ChecksumFile {
  private readonly file: PartialFile;

  constructor(jobFile: string) {
    this.file = new PartialFile(`${jobFile}.xxh64.partial-${process.pid}`);
  }

  add(path: string, xxh64: string): void {
    this.file.append(checksumLine(path, xxh64));
  }

  /** Write it as `name` in the destination root; says why when that failed. The temporary file goes either way. */
  publish(backend: FsBackend, destRootFd: number, name: string): { ok: true } | { ok: false; why: string } {
    const { temp } = this.file;
    try {
      this.file.close();
      const dir = backend.openPath(dirname(temp));
      if (dir < 0) return { ok: false, why: `cannot open ${dirname(temp)}` };
      try {
        const now = Date.now() / 1000;
        const times = { atimeS: now, atimeNs: 0, mtimeS: Math.floor(now), mtimeNs: 0 };
        // Never over an existing file: a name that is taken is reported, not replaced.
        const flags = CopyFlag.NoReflink;
        const result = backend.copyFile(
          dir,
          basename(temp),
          destRootFd,
          name,
          flags,
          0o644,
          times,
          new Float64Array(5),
        );
        if (result === CopyResult.Exists) return { ok: false, why: `${name} exists there already` };
        return result === CopyResult.Done ? { ok: true } : { ok: false, why: `copy result ${result}` };
      } finally {
        backend.close(dir);
      }
    } catch (error) {
      return { ok: false, why: (error as Error).message };
    } finally {
      this.file.discard();
    }
  }

  /** Drop the collected lines. */
  discard(): void {
    this.file.discard();
  }
}
