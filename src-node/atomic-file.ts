/**
 * A text file written under a temporary name beside its target, in 64 KB writes that wait for the disk (so a
 * long CSV never piles up in memory), then synced and renamed into place: readers see the whole file or none.
 */
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';

const FLUSH_AT = 64 * 1024;
let serial = 0;

export class AtomicTextFile {
  private pending = '';
  private closed = false;

  private constructor(
    readonly path: string,
    readonly temp: string,
    private readonly handle: FileHandle,
  ) {}

  /** Creates the temporary file (`<path>.partial-<pid>-<n>`); fails when the folder is not writable. */
  static async create(path: string): Promise<AtomicTextFile> {
    const temp = `${path}.partial-${process.pid}-${++serial}`;
    const handle = await open(temp, 'w', 0o644);
    return new AtomicTextFile(path, temp, handle);
  }

  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) await this.flush();
  }

  /** Writes the rest, syncs and closes; `publish` then gives it its name. */
  async complete(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.close();
  }

  /** Renames the completed file into place (replacing an earlier report of the same name). */
  async publish(): Promise<void> {
    await rename(this.temp, this.path);
  }

  /** Drops the temporary file. Never throws. */
  async discard(): Promise<void> {
    try {
      await this.close();
    } catch {
      // Closing a file we are dropping may fail; the unlink is what matters.
    }
    await unlink(this.temp).catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    await this.handle.writeFile(text, 'utf8');
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
