/**
 * Files written under a temporary name beside their target, then renamed into place: readers see the whole
 * file or none, and a crash mid-write leaves the previous version. The one home of that pattern.
 */
import { open, rename, rm, unlink, writeFile, type FileHandle } from 'node:fs/promises';

/** Write `text` to `<path>.<pid>.tmp`, then rename it over `path`; the temporary file never outlives a failure. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * A long text file (a CSV, a report) written in 64 KB writes that wait for the disk, so it never piles up in
 * memory, then synced and renamed into place.
 */
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
