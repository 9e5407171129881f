/**
 * A text file the job writes as it goes, in its own folder under a temporary name: appends are gathered and
 * written 64 KB at a time, so a per-file line costs no system call. Its owner completes it or drops it.
 */
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';

const FLUSH_AT = 64 * 1024;

export class PartialFile {
  private fd: number;
  private pending = '';

  constructor(readonly temp: string) {
    this.fd = openSync(temp, 'w');
  }

  append(text: string): void {
    this.pending += text;
    if (this.pending.length > FLUSH_AT) this.flush();
  }

  /** Write what is gathered and close; throws when the disk refuses. */
  close(): void {
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }

  /** Remove it (the job could not finish it, or it has been published elsewhere). */
  discard(): void {
    try {
      if (this.fd >= 0) closeSync(this.fd);
      this.fd = -1;
      unlinkSync(this.temp);
    } catch {
      // Already gone.
    }
  }

  private flush(): void {
    if (this.pending === '' || this.fd < 0) return;
    writeSync(this.fd, this.pending);
    this.pending = '';
  }
}
