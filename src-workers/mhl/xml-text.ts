/** XML text helpers for the manifests: escaping, dates, and what XML 1.0 can hold at all. */

/**
 * Characters XML 1.0 cannot carry, even as references: C0 controls other than tab, newline and carriage
 * return, U+FFFE/U+FFFF, and lone surrogates (a broken UTF-16 string).
 */
const NOT_XML = new RegExp(
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to find
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
);

/** The first character XML 1.0 cannot hold, as `U+XXXX`, or undefined when all can be written. */
export function unwritableCharacter(text: string): string | undefined {
  const match = NOT_XML.exec(text);
  if (!match) return undefined;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
};

/** Escape element content (`\r` too, which a parser would otherwise turn into `\n`). */
export function escapeText(text: string): string {
  return /[&<>\r]/.test(text) ? text.replace(/[&<>\r]/g, (ch) => TEXT_ESCAPES[ch] ?? ch) : text;
}

/** Escape an attribute value in double quotes (whitespace too, which parsers would normalize). */
export function escapeAttribute(text: string): string {
  return /[&<>"\r\n\t]/.test(text) ? text.replace(/[&<>"\r\n\t]/g, (ch) => ATTR_ESCAPES[ch] ?? ch) : text;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** xs:dateTime in UTC, whole seconds, as the reference implementation writes them: `2020-01-16T09:15:00+00:00`. */
export function xmlDateTime(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}+00:00`
  );
}

/** xs:dateTime for whole seconds since the epoch (a file's mtime). */
export function xmlDateTimeFromSeconds(seconds: number): string {
  return xmlDateTime(new Date(seconds * 1000));
}
