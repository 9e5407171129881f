/**
 * What can be wrong, one table: each kind's name in the filter and the CSV, whether a sequence has it, and the
 * short text its row shows. A new kind is one entry here plus whatever makes its rows (problem-rows.ts).
 */
import type { SequenceEntry } from '../../../../src-shared/jobs';
import { missingLabel, suspectSmallLabel, zeroByteLabel } from '../tree/sequence-model';

/** Every kind of problem, in the order the filter lists them. */
export const PROBLEM_KINDS = ['missing-frames', 'zero-byte-frames', 'suspect-small-frames'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** How one kind of problem is shown. */
export interface ProblemKindInfo {
  /** In the kind filter: "Missing frames". */
  label: string;
  /** Red for what is broken, amber for what looks wrong. */
  tone: 'danger' | 'warn';
  /** Whether a sequence has this problem (kinds that are not about sequences answer false). */
  inSequence(seq: SequenceEntry): boolean;
  /** The flag its row shows: "2 missing: 1107, 1188". */
  flag(seq: SequenceEntry | null): string;
}

export const PROBLEM_KIND_INFO: Record<ProblemKind, ProblemKindInfo> = {
  'missing-frames': {
    label: 'Missing frames',
    tone: 'danger',
    inSequence: (seq) => seq.missing !== '',
    flag: (seq) => (seq ? missingLabel(seq) : 'missing frames'),
  },
  'zero-byte-frames': {
    label: 'Zero-byte frames',
    tone: 'danger',
    inSequence: (seq) => seq.zero_byte.length > 0,
    flag: (seq) => (seq ? zeroByteLabel(seq) : 'zero-byte frames'),
  },
  'suspect-small-frames': {
    label: 'Suspiciously small frames',
    tone: 'warn',
    inSequence: (seq) => seq.suspect_small.length > 0,
    flag: (seq) => (seq ? suspectSmallLabel(seq) : 'suspiciously small frames'),
  },
};

/** The kinds of problem a sequence has, in table order. */
export function sequenceKinds(seq: SequenceEntry): ProblemKind[] {
  return PROBLEM_KINDS.filter((kind) => PROBLEM_KIND_INFO[kind].inSequence(seq));
}
