/**
 * The one place the Problems view turns a frame list into text (copied frames, the CSV). Today that is the
 * compact frame-set notation the scan writes and the CLI prints; swap this for the shared gap formatter.
 */
import type { SequenceEntry } from '../../../../src-shared/jobs';

/** What the stepped form means, for the places that show or copy it. */
export const FRAME_LIST_HELP = '1003-1010 is a range; 1003-1054x17 is every 17th frame from 1003 to 1054.';

/** A sequence's missing frames as text ("1107,1188", "1003-1054x17"); "" when none are missing. */
export function missingFramesText(seq: SequenceEntry): string {
  return seq.missing;
}
