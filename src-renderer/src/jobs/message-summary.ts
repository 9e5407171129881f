/** Long job messages in one line for a toast, with the whole message kept for "Details". */
import { folderName } from '../api';

/** The message without the raw byte counts some engine messages add after a formatted size ("(4194304 bytes)"). */
export function withoutRawBytes(text: string): string {
  return text.replace(/\s*\(\d[\d,]* bytes\)/g, '');
}

/**
 * Shapes of long messages that have a short form (the engine's space checks, src-workers/transfer). The line
 * names the destination by its folder name; its full path is in the details.
 */
const SHORT_FORMS: [RegExp, (match: RegExpMatchArray) => string][] = [
  [
    /^Not enough space on (.+?): this (?:copy|move) needs about (.+?) and (.+?) is free\./,
    (m) => `Not enough space on ${folderName(m[1] ?? '')}: needs ${m[2]}, ${m[3]} free`,
  ],
  [
    /^No space left on the destination (\S+) .*?about (.+?) more is needed for the rest of the job, (.+?) is free\./,
    (m) => `No space left on ${folderName(m[1] ?? '')}: needs ${m[2]} more, ${m[3]} free`,
  ],
];

/** The first sentence: up to a full stop followed by a capital (paths such as "clip.mov" have none). */
function firstSentence(text: string): string {
  const end = text.search(/[.!?]\s+(?=[A-Z])/);
  return end < 0 ? text : text.slice(0, end + 1);
}

/** One line for `message`, and the whole message when the line leaves something out. */
export function summarize(message: string): { line: string; details?: string } {
  const full = withoutRawBytes(message.trim());
  let line = firstSentence(full);
  for (const [pattern, short] of SHORT_FORMS) {
    const match = full.match(pattern);
    if (match) {
      line = short(match);
      break;
    }
  }
  line = line.replace(/\s+/g, ' ');
  return line === full ? { line } : { line, details: full };
}
