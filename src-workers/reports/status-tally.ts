/** Files and bytes per status, as the rows of a report are summed up. */
import { statusTone } from './model';

/** Files and bytes per status. */
export class StatusTally {
  readonly byStatus = new Map<string, { files: number; bytes: number }>();
  files = 0;
  bytes = 0;

  add(status: string, size: number, files = 1): void {
    this.files += files;
    this.bytes += size;
    const entry = this.byStatus.get(status);
    if (entry) {
      entry.files += files;
      entry.bytes += size;
    } else this.byStatus.set(status, { files, bytes: size });
  }

  /** Files whose status reads as a problem. */
  problems(): number {
    let count = 0;
    for (const [status, { files }] of this.byStatus) if (statusTone(status) === 'problem') count += files;
    return count;
  }
}
