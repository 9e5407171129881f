/**
 * The xxh64sum file a copy can leave in its destination: lines gathered in the job's own folder as files
 * are verified, then published into the destination like any copied file (through its directory
 * descriptor, complete or not at all).
 */
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { CopyFlag, CopyResult, type FsBackend } from './fs-backend';
import { checksumLine } from './report-writer';

/** Collects checksum lines, then publishes them as one file. */
export class ChecksumFile {
  private readonly temp: string;
  private fd: number;

  constructor(jobFile: string) {
    this.temp = `${jobFile}.xxh64.partial-${process.pid}`;
    this.fd = openSync(this.temp, 'w');
  }

  add(path: string, xxh64: string): void {
    writeSync(this.fd, checksumLine(path, xxh64));
  }

  /** Write it as `name` in the destination root; returns null when that failed (with why). */
  publish(backend: FsBackend, destRootFd: number, name: string): { ok: true } | { ok: false; why: string } {
    closeSync(this.fd);
    this.fd = -1;
    const dir = backend.openPath(dirname(this.temp));
    if (dir < 0) return { ok: false, why: `cannot open ${dirname(this.temp)}` };
    try {
      const out = new Float64Array(4);
      const times = {
        atimeS: Date.now() / 1000,
        atimeNs: 0,
        mtimeS: Math.floor(Date.now() / 1000),
        mtimeNs: 0,
      };
      const result = backend.copyFile(
        dir,
        basename(this.temp),
        destRootFd,
        name,
        CopyFlag.Replace | CopyFlag.NoReflink,
        0o644,
        times,
        out,
      );
      return result === CopyResult.Done ? { ok: true } : { ok: false, why: `copy result ${result}` };
    } finally {
      backend.close(dir);
      this.discard();
    }
  }

  /** Drop the collected lines. */
  discard(): void {
    try {
      if (this.fd >= 0) closeSync(this.fd);
      this.fd = -1;
      unlinkSync(this.temp);
    } catch {
      // Already gone.
    }
  }
}
