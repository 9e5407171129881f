/**
 * Where the frame is in a file name, the way fileseq reads it. native/frame_name.c follows the same rules
 * byte for byte (they only look at ASCII), and tests/integration/native-frames.test.ts holds the two together.
 *
 * - Extension: the last dot-segment of the name, unless it is empty, the name's first character, or only
 *   digits with an optional leading "-" (`x.01` has no extension; its frame is 01). When that last segment
 *   is a compression or wrapper extension (gz, bz2, xz, zst, …) and the segment before it looks like an
 *   extension (1–5 ASCII letters/digits starting with a letter), both form the extension: `.tar.gz`,
 *   `.tar.bz2`, `.exr.gz`, `.mp4.part`. Digits inside the extension (`.mp4`, `.bz2`) are never frames.
 * - Frame: the last run of ASCII digits before the extension; everything before it is the prefix, everything
 *   after it (the rest of the stem plus the extension) is the suffix. `foo.1001.exr.gz` is frame 1001 of
 *   `foo.####.exr.gz`; `backup.2024.tar.gz` is frame 2024 with suffix `.tar.gz`. Runs longer than 15
 *   digits are not frames (they are ids or hashes, and would not fit a double exactly).
 * - Negative frames: a "-" directly before the digits is a minus sign only when the character before it is
 *   "." or "_" (`bar.-001.exr` → -1, `bar_-5.exr` → -5), and the digits are not all zeros. In a date
 *   (`shot_2025-05-13.exr`) the "-" follows a digit, so the frame is 13 and the prefix is `shot_2025-05-`.
 * - Padding: a frame written with a leading zero (`0042`, `-001`) has padding equal to its width, the minus
 *   sign included (`-001` is width 4, like `0001`). A frame without one (`1001`, `-7`, `0`) fits any padding
 *   up to its width.
 */

/** A parsed frame name: `name === prefix + digits + suffix`. */
export interface FrameName {
  prefix: string;
  frame: number;
  /** The frame as written, minus sign included: "0042", "-001", "1001". */
  digits: string;
  suffix: string;
  /** Written with a leading zero (`0042`, `-001`): the frame only fits its own width. */
  zero_filled: boolean;
  /** The smallest padding the frame fits: its width when zero-filled, else 1 (it fits 1..width). */
  padding: number;
}

/** Longest digit run read as a frame; longer runs are ids, not frame numbers. */
const MAX_FRAME_DIGITS = 15;

/** Wrappers that make a compound extension with the extension before them (`.tar.gz`, `.exr.gz`). */
export const WRAPPER_EXTENSIONS: readonly string[] = [
  'gz',
  'bz2',
  'xz',
  'zst',
  'lz4',
  'lz',
  'lzma',
  'z',
  'br',
  'sz',
  '7z',
  'zip',
  'rar',
  'part',
  'bak',
  'tmp',
];

/** Case-folded code of name[from, to) (at most 4 characters), to look extensions up without slicing. */
function extensionCode(name: string, from: number, to: number): number {
  let code = 0;
  for (let i = from; i < to; i++) {
    const c = name.charCodeAt(i);
    if (c > 127) return -1;
    code = code * 128 + (c >= 65 && c <= 90 ? c | 0x20 : c);
  }
  return code;
}

const WRAPPER_CODES = new Set(WRAPPER_EXTENSIONS.map((ext) => extensionCode(ext, 0, ext.length)));
/** Case-folded first two characters of the wrappers (second 0 for one-letter ones): a quick reject. */
const WRAPPER_HEADS = new Uint8Array(128 * 128);
for (const ext of WRAPPER_EXTENSIONS)
  WRAPPER_HEADS[extensionCode(ext, 0, Math.min(2, ext.length)) * (ext.length === 1 ? 128 : 1)] = 1;

/** Whether name[from, to) is a wrapper extension, ignoring case. */
function isWrapper(name: string, from: number, to: number): boolean {
  if (to - from > 4) return false;
  const first = extensionCode(name, from, from + 1);
  const second = to - from > 1 ? extensionCode(name, from + 1, from + 2) : 0;
  if (first < 0 || second < 0 || WRAPPER_HEADS[first * 128 + second] !== 1) return false;
  return WRAPPER_CODES.has(extensionCode(name, from, to));
}

/** Where scanFrame found the frame; one shared object, so the hot loop allocates nothing per name. */
export const scanned = {
  /** Index of the frame's first character (the minus sign when negative). */
  start: 0,
  /** Index just after its last digit. */
  end: 0,
  value: 0,
  /** Written with a leading zero: it fits only its own width. */
  padded: false,
  /** Index of the extension's dot (compound extensions included), or the name's length when it has none. */
  extension: 0,
};

const DOT = 46;
const UNDERSCORE = 95;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** Index where the extension starts (its dot), or name.length when the name has none. */
function extensionStart(name: string): number {
  let dot = name.length - 1;
  while (dot >= 0 && name.charCodeAt(dot) !== DOT) dot--;
  if (dot <= 0 || dot === name.length - 1) return name.length;
  // A last segment of only digits (optionally "-") is a frame, not an extension: `x.01`, `bar.-001`.
  let i = dot + 1;
  if (name.charCodeAt(i) === MINUS) i++;
  while (i < name.length && isDigit(name.charCodeAt(i))) i++;
  if (i === name.length) return name.length;
  if (!isWrapper(name, dot + 1, name.length)) return dot;
  const before = name.lastIndexOf('.', dot - 1);
  if (before <= 0 || dot - before < 2 || dot - before > 6) return dot;
  const lead = name.charCodeAt(before + 1) | 0x20;
  if (lead < 97 || lead > 122) return dot;
  for (let j = before + 2; j < dot; j++) {
    const c = name.charCodeAt(j);
    const lower = c | 0x20;
    if (!isDigit(c) && (lower < 97 || lower > 122)) return dot;
  }
  return before;
}

/** Finds the frame in `name` and fills `scanned`; false when the name has no frame. */
export function scanFrame(name: string): boolean {
  const extension = extensionStart(name);
  let j = extension - 1;
  while (j >= 0 && !isDigit(name.charCodeAt(j))) j--;
  if (j < 0) return false;
  const end = j + 1;
  while (j >= 0 && isDigit(name.charCodeAt(j))) j--;
  const digitsStart = j + 1;
  if (end - digitsStart > MAX_FRAME_DIGITS) return false;
  let value = 0;
  for (let k = digitsStart; k < end; k++) value = value * 10 + (name.charCodeAt(k) - ZERO);
  let start = digitsStart;
  if (value !== 0 && j >= 1 && name.charCodeAt(j) === MINUS) {
    const sep = name.charCodeAt(j - 1);
    if (sep === DOT || sep === UNDERSCORE) {
      start = j;
      value = -value;
    }
  }
  scanned.start = start;
  scanned.end = end;
  scanned.value = value;
  scanned.padded = end - digitsStart > 1 && name.charCodeAt(digitsStart) === ZERO;
  scanned.extension = extension;
  return true;
}

/** Split a file name into prefix, frame and suffix; null when it has no frame. */
export function parseFrameName(name: string): FrameName | null {
  if (!scanFrame(name)) return null;
  const { start, end, value, padded } = scanned;
  const digits = name.slice(start, end);
  return {
    prefix: name.slice(0, start),
    frame: value,
    digits,
    suffix: name.slice(end),
    zero_filled: padded,
    padding: padded ? digits.length : 1,
  };
}

/** `name.####.exr` for padding 4, `name.@@@.exr` (one @ per digit) for any other padding. */
export function displayPattern(prefix: string, padding: number, suffix: string): string {
  return prefix + (padding === 4 ? '####' : '@'.repeat(padding)) + suffix;
}

/** `name.%04d.exr`, with any "%" of the name doubled so printf prints it. */
export function printfPattern(prefix: string, padding: number, suffix: string): string {
  const esc = (text: string): string => (text.includes('%') ? text.replaceAll('%', '%%') : text);
  return `${esc(prefix)}%0${padding}d${esc(suffix)}`;
}
