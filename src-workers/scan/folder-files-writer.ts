/**
 * Streams each finished folder's file list to the file-list file as batches arrive (see folder-files.ts), so
 * the scan worker never holds a million names at once. Offsets are known at once; the writes queue in order.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtomicTextFile } from '../../src-node/atomic-file';

/** Where a batch's folders landed: byte offset and length of each one's line (0, 0 for no files). */
export interface FileSpans {
  at: number[];
  len: number[];
}

export class FolderFilesWriter {
  private offset = 0;
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  private constructor(private readonly file: AtomicTextFile) {}

  /** Start the file list at `path` (under a temporary name until publish). */
  static async create(path: string): Promise<FolderFilesWriter> {
    await mkdir(dirname(path), { recursive: true });
    return new FolderFilesWriter(await AtomicTextFile.create(path));
  }

  /** Queue one batch's lines ('' for a folder with no files); returns where each will be. */
  append(lines: readonly string[]): FileSpans {
    const spans: FileSpans = { at: [], len: [] };
    let text = '';
    for (const line of lines) {
      const len = line === '' ? 0 : Buffer.byteLength(line);
      spans.at.push(len === 0 ? 0 : this.offset);
      spans.len.push(len);
      if (len === 0) continue;
      text += line + '\n';
      this.offset += len + 1;
    }
    if (text !== '') this.enqueue(() => this.file.write(text));
    return spans;
  }

  /** Write the rest and give the file its name; throws the first write error. */
  async publish(): Promise<void> {
    this.enqueue(() => this.file.complete());
    await this.queue;
    if (this.failure !== null) throw this.failure;
    await this.file.publish();
  }

  /** Drop the temporary file (cancel, failure). Never throws. */
  async discard(): Promise<void> {
    await this.queue;
    await this.file.discard();
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.failure !== null) return;
      try {
        await step();
      } catch (error) {
        this.failure = error;
      }
    });
  }
}
