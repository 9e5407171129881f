/** How `wrangle watch` words a sequence: one plain line each. */
import { countOf, formatBytes } from '../../src-shared/format';
import { landedLabel } from '../../src-shared/watch-labels';
import type { WatchedSequence } from '../../src-shared/watch-shapes';

/** `sh010/beauty.####.exr 1001-1240: 180 frames, missing 1003-1005, 1 zero-byte, 2.5 GB, last frame 12s ago` */
export function sequenceLine({ sequence, landed_at }: WatchedSequence, now: number): string {
  const parts = [countOf(sequence.count, 'frame')];
  if (sequence.missing) parts.push(`missing ${sequence.missing}`);
  if (sequence.zero_byte.length > 0) parts.push(`${sequence.zero_byte.length} zero-byte`);
  if (sequence.suspect_small.length > 0) parts.push(`${sequence.suspect_small.length} suspiciously small`);
  parts.push(formatBytes(sequence.total_size), landedLabel(landed_at, now));
  const where = sequence.dir ? `${sequence.dir}/` : '';
  return `${where}${sequence.pattern} ${sequence.first}-${sequence.last}: ${parts.join(', ')}`;
}
