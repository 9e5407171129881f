/** The sequences part of a scan summary: problem sequences first, capped; the tree file keeps them all. */
import { MAX_REPORTED_SEQUENCES, type SequenceEntry } from '../../src-shared/jobs';
import type { TreeSequences } from './tree-accumulator';

/** Sequences for the result, with their counts; only the reported ones are parsed from their text. */
export function summarizeSequences({ texts, problems }: TreeSequences): {
  sequences: SequenceEntry[];
  sequence_count: number;
  problem_sequence_count: number;
} {
  const chosen: string[] = [];
  let problemCount = 0;
  for (let i = 0; i < texts.length; i++) {
    if (problems[i] !== 1) continue;
    problemCount++;
    if (chosen.length < MAX_REPORTED_SEQUENCES) chosen.push(texts[i] as string);
  }
  for (let i = 0; i < texts.length && chosen.length < MAX_REPORTED_SEQUENCES; i++)
    if (problems[i] !== 1) chosen.push(texts[i] as string);
  return {
    // Checked against the result schema where the host receives the summary.
    sequences: chosen.map((text) => JSON.parse(text) as SequenceEntry),
    sequence_count: texts.length,
    problem_sequence_count: problemCount,
  };
}
