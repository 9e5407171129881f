/**
 * How a folder's image sequences travel from the lister to the tree file: one line of text each, '1' when
 * the sequence has problems (see hasProblems) or '0', then the JSON of its SequenceEntry without `dir`.
 * The native lister writes these lines in C; text crosses threads for less than objects do, and the tree
 * file is written from it.
 */
import { hasProblems, type SequenceEntry } from '../../src-shared/jobs';
import { buildSequences, type FrameBuckets } from '../../src-shared/sequences';

/**
 * The lines for a folder's frame buckets, by the TypeScript rules (the lister without the native addon).
 * With `inSequence`, marks each file that ends up in a sequence (indexed as bucketFrames' input).
 */
export function sequenceLines(frames: FrameBuckets, inSequence?: Uint8Array): string[] {
  return buildSequences(frames, inSequence).map((found) => {
    const entry: Omit<SequenceEntry, 'dir'> = {
      pattern: found.pattern,
      padding: found.padding,
      first: found.first,
      last: found.last,
      count: found.count,
      frames: found.frames,
      missing: found.missing,
      zero_byte: found.zero_byte,
      suspect_small: found.suspect_small,
      total_size: found.total_size,
    };
    return (hasProblems(entry) ? '1' : '0') + JSON.stringify(entry);
  });
}

/** Whether a line's sequence has problems. */
export function lineHasProblems(line: string): boolean {
  return line.charCodeAt(0) === 49; // '1'
}

/** The line's SequenceEntry as JSON, with `dir` (already JSON-quoted) put first. */
export function entryJsonWithDir(line: string, quotedDir: string): string {
  return `{"dir":${quotedDir},${line.slice(2)}`;
}
