/**
 * The handover HTML's escaping: the `markup` template tag and `escapeHtml`.
 *
 * Every value is escaped by the `markup` template tag, so a hostile file name is only ever text; control and
 * bidirectional-override characters in names are shown as visible marks so a name cannot disguise itself.
 *
 * (The tag is not called `html`: Prettier would reformat the markup inside it, adding whitespace to cells.)
 */

/** Text already made safe for HTML. */
export class Safe {
  constructor(readonly text: string) {}
}

export type Part = Safe | string | number | null | undefined | false | readonly Part[];

/** Controls (C0, DEL, C1) and bidirectional marks and overrides: shown as marks rather than acted on. */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀ … ␟
  if (code === 0x7f) return '\u2421'; // ␡
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Escapes text for element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(HIDDEN, visible).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

function partText(part: Part): string {
  if (part instanceof Safe) return part.text;
  if (Array.isArray(part)) return part.map(partText).join('');
  if (part === null || part === undefined || part === false) return '';
  return escapeHtml(String(part));
}

/** Template tag: every interpolated value is escaped unless it is already Safe. */
export function markup(strings: TemplateStringsArray, ...values: Part[]): Safe {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) out += partText(values[i]) + (strings[i + 1] as string);
  return new Safe(out);
}
