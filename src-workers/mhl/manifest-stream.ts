/** Buffered output of one manifest to its file, hashed in C4 as the bytes go out. */
import type { FileHandle } from 'node:fs/promises';
import { createHasher } from '../hashing/hasher';

const FLUSH_AT = 1 << 20;

/** Buffered, C4-hashed output to one file. */
export class ManifestStream {
  private buffer = '';
  private readonly hasher = createHasher(['c4']);

  constructor(private readonly handle: FileHandle) {}

  /** Append text; true when it is time to flush(). */
  write(text: string): boolean {
    this.buffer += text;
    return this.buffer.length >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const bytes = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    this.hasher.update(bytes);
    let done = 0;
    while (done < bytes.length)
      done += (await this.handle.write(bytes, done, bytes.length - done)).bytesWritten;
  }

  /** Flush, fsync, close; the C4 of everything written. */
  async close(): Promise<string> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    return this.hasher.digest().c4 ?? '';
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
