/**
 * The one place the Problems view turns a frame list into text to copy or export (copied frames, the CSV). It
 * is the compact frame-set notation of `scan --json`, which Nuke and render managers take as a frame list
 * (`1003-1054x17`); what the view shows goes through src-shared/frame-text.ts, and FRAME_LIST_HELP explains the
 * stepped form where it is copied.
 */
import type { SequenceEntry } from '../../../../src-shared/jobs';

/** What the stepped form means, for the places that show or copy it. */
export const FRAME_LIST_HELP = '1003-1010 is a range; 1003-1054x17 is every 17th frame from 1003 to 1054.';

/** A sequence's missing frames as text ("1107,1188", "1003-1054x17"); "" when none are missing. */
export function missingFramesText(seq: SequenceEntry): string {
  return seq.missing;
}
