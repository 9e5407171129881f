/** A folder's buckets turned into sequences and lone frames, grouped as src-shared/sequences.ts does. */
import { FrameSetWriter } from '../../src-shared/frame-set';
import { displayPattern } from '../../src-shared/frame-name';
import { gcd } from '../../src-shared/sequences';
import { mergeRuns, type Bucket, type ShapeFrames } from './file-tree-buckets';
import type { FrameStatus, LooseFile, SequenceSummary } from './file-tree-types';

/** A frame as it is written in a name of this shape. */
function frameText(frame: number, shape: number): string {
  if ((shape & 1) === 0) return String(frame);
  const width = shape >> 1;
  return frame < 0 ? `-${String(-frame).padStart(width - 1, '0')}` : String(frame).padStart(width, '0');
}

/**
 * One bucket's sequences and lone frames, grouped as sequences.ts's buildSequences does: frames all written
 * alike form one group; otherwise each zero-filled width is a group, unpadded frames join the largest
 * zero-filled width not above their own, and the rest form one group padded to the smallest of their widths.
 * A group of fewer than two frames is not a sequence.
 */
export function bucketSequences(
  bucket: Bucket,
  kept: number,
): { sequences: SequenceSummary[]; singles: LooseFile[] } {
  const groups: { padding: number; shapes: number[] }[] = [];
  const shapes = [...bucket.shapes.keys()];
  if (shapes.length === 1) groups.push({ padding: (shapes[0] as number) >> 1, shapes });
  else {
    const zeroFilled = shapes.filter((shape) => (shape & 1) === 1);
    for (const shape of zeroFilled) groups.push({ padding: shape >> 1, shapes: [shape] });
    const loose: number[] = [];
    let looseWidth = Infinity;
    for (const shape of shapes) {
      if ((shape & 1) === 1) continue;
      const width = shape >> 1;
      let best: (typeof groups)[number] | undefined;
      for (const group of groups)
        if (group.padding <= width && (!best || group.padding > best.padding)) best = group;
      if (best) best.shapes.push(shape);
      else {
        loose.push(shape);
        looseWidth = Math.min(looseWidth, width);
      }
    }
    if (loose.length > 0) groups.push({ padding: looseWidth, shapes: loose });
  }

  const sequences: SequenceSummary[] = [];
  const singles: LooseFile[] = [];
  for (const group of groups) {
    const members = group.shapes.map((shape) => bucket.shapes.get(shape) as ShapeFrames);
    let runs: number[] = [];
    for (const frames of members) runs = runs.length === 0 ? frames.runs : mergeRuns(runs, frames.runs);
    let count = 0;
    for (let k = 0; k < runs.length; k += 2) count += (runs[k + 1] as number) - (runs[k] as number) + 1;
    if (count < 2) {
      for (const [k, frames] of members.entries()) {
        const shape = group.shapes[k] as number;
        for (let r = 0; r < frames.runs.length; r += 2) {
          const frame = frames.runs[r] as number;
          singles.push(
            frames.files === 1
              ? frames.first
              : {
                  name: `${bucket.prefix}${frameText(frame, shape)}${bucket.suffix}`,
                  size: frames.bytes,
                  status: frames.first.status,
                },
          );
        }
      }
      continue;
    }
    sequences.push(sequenceOf(bucket, group.padding, runs, count, members, kept));
  }
  return { sequences, singles };
}

function sequenceOf(
  bucket: Bucket,
  padding: number,
  runs: readonly number[],
  count: number,
  members: readonly ShapeFrames[],
  kept: number,
): SequenceSummary {
  const first = runs[0] as number;
  const last = runs[runs.length - 1] as number;
  // As in sequences.ts: a regular stride is the sequence's step when at least half the frames on it exist.
  let step = 1;
  if (count >= 3 && last - first !== count - 1) {
    step = 0;
    for (let k = 0; k < runs.length && step !== 1; k += 2) {
      if ((runs[k + 1] as number) > (runs[k] as number)) step = 1;
      else step = gcd((runs[k] as number) - first, step);
    }
    if ((count - 1) * 2 < (last - first) / step) step = 1;
  }
  const framesText = new FrameSetWriter();
  for (let k = 0; k < runs.length; k += 2)
    framesText.pushRun(runs[k] as number, 1, (runs[k + 1] as number) - (runs[k] as number) + 1);
  const missingText = new FrameSetWriter();
  let missingCount = 0;
  if (last - first !== (count - 1) * step) {
    for (let k = 2; k < runs.length; k += 2) {
      const prev = runs[k - 1] as number;
      const absent = ((runs[k] as number) - prev) / step - 1;
      if (absent > 0) {
        missingText.pushRun(prev + step, step, absent);
        missingCount += absent;
      }
    }
  }
  let bytes = 0;
  const zero: FrameStatus = { status: 'zero', count: 0, frames: [] };
  const statuses = new Map<string, FrameStatus>();
  for (const frames of members) {
    bytes += frames.bytes;
    zero.count += frames.zero.count;
    zero.frames.push(...frames.zero.frames);
    for (const [key, entry] of frames.statuses) {
      const into = statuses.get(key);
      if (into) {
        into.count += entry.count;
        into.frames.push(...entry.frames);
      } else statuses.set(key, { ...entry, frames: [...entry.frames] });
    }
  }
  const keep = (entry: FrameStatus): FrameStatus => {
    entry.frames.sort((a, b) => a - b);
    if (entry.frames.length > kept) entry.frames.length = kept;
    return entry;
  };
  return {
    prefix: bucket.prefix,
    suffix: bucket.suffix,
    pattern: displayPattern(bucket.prefix, padding, bucket.suffix),
    padding,
    first,
    last,
    step,
    count,
    frames: framesText.finish(),
    missing: missingText.finish(),
    missing_count: missingCount,
    bytes,
    zero_byte: keep(zero),
    statuses: [...statuses.values()].map(keep).sort((a, b) => b.count - a.count),
  };
}
