/** What each destination of a copy to several places got, counted apart (one may fill up while others go on). */
import type { DestinationSummary } from '../../src-shared/jobs';

export class DestinationTally {
  filesCopied = 0;
  bytesCopied = 0;
  verified = 0;
  failed = 0;
  /** Read-backs that came from storage, and ones that may have come from memory. */
  dropped = 0;
  notDropped = 0;
  /** Why it stopped taking copies (full, gone), once it did. */
  failure: string | null = null;
  mhlManifests: string[] = [];
  checksumFile: string | null = null;

  constructor(readonly path: string) {}

  get stopped(): boolean {
    return this.failure !== null;
  }

  /** One copy read back: from storage (its pages were dropped) or maybe from memory. */
  readBack(dropped: boolean): void {
    this.verified++;
    if (dropped) this.dropped++;
    else this.notDropped++;
  }

  summary(): DestinationSummary {
    const checked = this.dropped + this.notDropped;
    return {
      path: this.path,
      files_copied: this.filesCopied,
      bytes_copied: this.bytesCopied,
      verified_files: this.verified,
      failed_count: this.failed,
      failure: this.failure,
      cache_bypass:
        checked === 0
          ? 'not_verified'
          : this.notDropped === 0
            ? 'held'
            : this.dropped === 0
              ? 'not_held'
              : 'partly',
      mhl_manifests: this.mhlManifests.slice(0, 1000),
      checksum_file: this.checksumFile,
    };
  }
}
