/**
 * ASC MHL ignore patterns (spec 5.6.1.2, 6.4.7 and Appendix C): one pattern is one line of a .gitignore
 * file, matched against paths relative to the history's root with `/` separators.
 *
 * - Blank patterns and patterns starting with `#` match nothing. Trailing spaces are dropped unless escaped
 *   with `\`. A backslash makes the next character literal (`\!`, `\#`, `\*`).
 * - A leading `!` negates: a path matched by an earlier pattern is included again. The last pattern that
 *   matches decides. A path inside an ignored folder stays ignored whatever comes later.
 * - A `/` at the start or in the middle anchors the pattern to the root; otherwise it matches at any level.
 * - A trailing `/` matches folders only.
 * - `*` matches anything but `/`, `?` one character but `/`, `[a-z]` one of a range (`[!…]` or `[^…]` none of).
 * - `**`: a leading `**` followed by `/` matches in all folders, a trailing `/**` everything inside, `/**` and
 *   `/` between (`a/**` then `/b`) zero or more folders; other `**` act as `*`.
 *
 * The defaults (what the reference implementation records when no pattern was given): `.DS_Store`, and the
 * `ascmhl` folders, which change whenever a generation is added so can never be recorded.
 */

export const DEFAULT_IGNORE_PATTERNS: readonly string[] = ['.DS_Store', 'ascmhl', 'ascmhl/'];

interface CompiledPattern {
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
  /** No `/` in the pattern: it is matched against the last path component only. */
  nameOnly: boolean;
}

/** A compiled list: answers whether a path (and its folders) is ignored. */
export interface IgnoreMatcher {
  readonly patterns: readonly string[];
  /** Whether `relPath` (or a folder it is in) is ignored. */
  isIgnored(relPath: string, isDir: boolean): boolean;
  /** Whether `relPath` itself matches, not looking at the folders it is in. */
  matchesItself(relPath: string, isDir: boolean): boolean;
}

/** Regex source for one path component of a pattern (`*`, `?`, `[…]`, `\x`, literals). */
function componentSource(component: string): string {
  let out = '';
  for (let i = 0; i < component.length; i++) {
    const ch = component[i] as string;
    if (ch === '\\') {
      const next = component[i + 1];
      if (next !== undefined) {
        out += escapeRegex(next);
        i++;
      } else out += '\\\\';
    } else if (ch === '*') {
      while (component[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const end = bracketEnd(component, i);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      let body = component.slice(i + 1, end);
      let negated = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negated = true;
        body = body.slice(1);
      }
      let set = '';
      for (let k = 0; k < body.length; k++) {
        const c = body[k] as string;
        if (c === '\\' && k + 1 < body.length) {
          set += escapeClassChar(body[k + 1] as string);
          k++;
        } else if (c === '-' && k > 0 && k < body.length - 1) set += '-';
        else set += escapeClassChar(c);
      }
      out += negated ? `[^/${set}]` : `(?!/)[${set}]`;
      i = end;
    } else out += escapeRegex(ch);
  }
  return out;
}

/** Index of the `]` closing the bracket expression opened at `start`, or -1. */
function bracketEnd(text: string, start: number): number {
  let k = start + 1;
  if (text[k] === '!' || text[k] === '^') k++;
  if (text[k] === ']') k++; // a `]` first in the set is literal
  for (; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === ']') return k;
  }
  return -1;
}

const escapeRegex = (ch: string): string => ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const escapeClassChar = (ch: string): string => ch.replace(/[\\\]^[-]/g, '\\$&');

/** Trailing spaces go unless escaped with a backslash. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ') {
    let slashes = 0;
    for (let k = end - 2; k >= 0 && line[k] === '\\'; k--) slashes++;
    if (slashes % 2 === 1) break; // `\ ` keeps its space
    end--;
  }
  return line.slice(0, end);
}

/** One pattern line compiled, or undefined for blank lines and comments. */
export function compilePattern(line: string): CompiledPattern | undefined {
  let text = trimTrailingSpaces(line.replace(/\r$/, ''));
  if (text === '' || text.startsWith('#')) return undefined;
  let negate = false;
  if (text.startsWith('!')) {
    negate = true;
    text = text.slice(1);
  }
  let dirOnly = false;
  if (text.endsWith('/') && !text.endsWith('\\/')) {
    dirOnly = true;
    text = text.replace(/\/+$/, '');
  }
  if (text === '') return undefined;
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.replace(/^\/+/, '');
  if (text === '') return undefined;
  const parts = text.split('/');
  let source = '';
  let needSeparator = false;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part === '**') {
      if (i === 0 && !last) {
        source += '(?:.*/)?'; // leading `**/`: any folders, or none
        needSeparator = false;
      } else if (last) {
        source += i === 0 ? '.*' : '/.*'; // trailing `/**`: everything inside
      } else {
        source += '(?:/.*)?'; // `/**/`: zero or more folders
        needSeparator = true;
      }
      return;
    }
    if (needSeparator) source += '/';
    source += componentSource(part);
    needSeparator = true;
  });
  const nameOnly = !anchored;
  return { regex: new RegExp(`^${source}$`, 's'), negate, dirOnly, nameOnly };
}

/** Compile a list of patterns once, for many paths. */
export function compileIgnorePatterns(patterns: readonly string[]): IgnoreMatcher {
  const compiled = patterns.map(compilePattern).filter((p): p is CompiledPattern => p !== undefined);
  /** Last matching pattern decides: true ignored, false re-included, undefined no match. */
  const decide = (relPath: string, name: string, isDir: boolean): boolean | undefined => {
    let result: boolean | undefined;
    for (const pattern of compiled) {
      if (pattern.dirOnly && !isDir) continue;
      if (pattern.regex.test(pattern.nameOnly ? name : relPath)) result = !pattern.negate;
    }
    return result;
  };
  const matchesItself = (relPath: string, isDir: boolean): boolean => {
    const slash = relPath.lastIndexOf('/');
    return decide(relPath, relPath.slice(slash + 1), isDir) === true;
  };
  return {
    patterns: [...patterns],
    matchesItself,
    isIgnored(relPath: string, isDir: boolean): boolean {
      const path = normalizeRelPath(relPath);
      if (path === '') return false;
      // Any ignored folder on the way hides everything in it (git cannot re-include below it either).
      let from = 0;
      for (;;) {
        const slash = path.indexOf('/', from);
        if (slash === -1) break;
        const dir = path.slice(0, slash);
        if (decide(dir, dir.slice(dir.lastIndexOf('/') + 1), true) === true) return true;
        from = slash + 1;
      }
      return matchesItself(path, isDir);
    },
  };
}

/** `./a//b/` → `a/b`. */
function normalizeRelPath(relPath: string): string {
  return relPath
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

const cache = new Map<string, IgnoreMatcher>();

/**
 * Whether `relPath` (relative to the history root, `/` separators) is left out of a history by
 * `patterns`. `isDir` says whether the path is a folder (patterns ending in `/` match only folders).
 */
export function isIgnored(relPath: string, isDir: boolean, patterns: readonly string[]): boolean {
  const key = patterns.join('\n');
  let matcher = cache.get(key);
  if (!matcher) {
    if (cache.size > 64) cache.clear();
    matcher = compileIgnorePatterns(patterns);
    cache.set(key, matcher);
  }
  return matcher.isIgnored(relPath, isDir);
}

/**
 * The patterns a new generation records: the newest generation's (or the defaults, for a new history), then
 * the new ones, without repeats. The list only grows during a history's life (implementation guidelines 2.4).
 */
export function mergeIgnorePatterns(existing: readonly string[] | undefined, added: readonly string[] = []) {
  const out: string[] = [];
  for (const pattern of [...(existing && existing.length > 0 ? existing : DEFAULT_IGNORE_PATTERNS), ...added])
    if (!out.includes(pattern)) out.push(pattern);
  return out;
}
