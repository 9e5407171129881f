/** The sequences part of a scan summary: problem sequences first, capped; the tree file keeps them all. */
import { hasProblems, MAX_REPORTED_SEQUENCES, type SequenceEntry } from '../../../src-shared/jobs';

/** Sequences for the result, with their counts. */
export function summarizeSequences(all: readonly SequenceEntry[]): {
  sequences: SequenceEntry[];
  sequence_count: number;
  problem_sequence_count: number;
} {
  const problems = all.filter(hasProblems);
  const rest = all.filter((sequence) => !hasProblems(sequence));
  return {
    sequences: [...problems, ...rest].slice(0, MAX_REPORTED_SEQUENCES),
    sequence_count: all.length,
    problem_sequence_count: problems.length,
  };
}
