/**
 * Which numbered names are frames of a sequence, beyond where their number is (frame-name.ts):
 * - the name's extension (compound ones whole: `exr.gz`) is in the scan's sequence extensions
 *   (sequence-extensions.ts), unless the list holds "*";
 * - the number is not a version or a camera clip counter: a `v` or `c` (either case) right before the digits,
 *   at the start of the name or after anything but a letter (`comp_v003.nk`, `.v12`, `v001`, `B001C003`,
 *   `A001_C003`). `rev01`, `DSC0001` and `spec12` keep their frames.
 * native/frame_rules.c applies the same two rules, given the same list.
 */
import { scanned } from './frame-name';
import { ANY_EXTENSION, DEFAULT_SEQUENCE_EXTENSIONS } from './sequence-extensions';

/** A list of sequence extensions made ready for the per-file check. */
export interface FrameRules {
  /** The list as given (parsed): what the native lister is handed. */
  readonly extensions: readonly string[];
  readonly any: boolean;
  /** Entries by length, to compare only those as long as the name's extension. */
  readonly byLength: ReadonlyMap<number, readonly string[]>;
}

/** Rules for a parsed list of sequence extensions (see parseSequenceExtensions). */
export function frameRules(extensions: readonly string[]): FrameRules {
  const byLength = new Map<number, string[]>();
  for (const entry of extensions) {
    const list = byLength.get(entry.length) ?? [];
    list.push(entry);
    byLength.set(entry.length, list);
  }
  return { extensions, any: extensions.includes(ANY_EXTENSION), byLength };
}

/** The rules of a scan with the default extensions. */
export const DEFAULT_FRAME_RULES = frameRules(DEFAULT_SEQUENCE_EXTENSIONS);

/** Every extension may form sequences: fileseq's grouping with only the version and clip rule on top. */
export const ANY_FRAME_RULES = frameRules([ANY_EXTENSION]);

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

/** Whether name[from, name.length) equals `entry` (lower case), ignoring ASCII case. */
function sameExtension(name: string, from: number, entry: string): boolean {
  for (let k = 0; k < entry.length; k++) {
    const c = name.charCodeAt(from + k);
    if ((c >= 65 && c <= 90 ? c | 0x20 : c) !== entry.charCodeAt(k)) return false;
  }
  return true;
}

/** After scanFrame(name) found a frame: whether these rules let it join a sequence. Allocates nothing. */
export function frameAllowed(name: string, rules: FrameRules): boolean {
  const { start, extension } = scanned;
  if (start > 0) {
    const token = name.charCodeAt(start - 1) | 0x20;
    if ((token === 118 || token === 99) && (start === 1 || !isAsciiLetter(name.charCodeAt(start - 2))))
      return false; // v### or c###: a version or a clip counter
  }
  if (rules.any) return true;
  if (extension >= name.length) return false;
  const candidates = rules.byLength.get(name.length - extension - 1);
  if (candidates === undefined) return false;
  for (const entry of candidates) if (sameExtension(name, extension + 1, entry)) return true;
  return false;
}
