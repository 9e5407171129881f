/** The histories taking part in a write (top and nested) and the folder tree routed into them. */
import type { MhlHistory } from './history';
import { compileIgnorePatterns, mergeIgnorePatterns } from './ignore-patterns';
import type { IgnoreMatcher } from './ignore-patterns';
import type { ManifestStream } from './manifest-stream';
import { ASCMHL_FOLDER } from './manifest-names';

/** One history taking part: the top one or a nested one. */
export interface Scope {
  history: MhlHistory;
  /** Its root relative to the writer's root ('' for the top). */
  relRoot: string;
  depth: number;
  parent: number;
  rootDir: number;
  patterns: string[];
  matcher: IgnoreMatcher;
  out?: Output;
}

export interface Output {
  generation: number;
  fileName: string;
  finalPath: string;
  tempPath: string;
  stream: ManifestStream;
  hashesOpen: boolean;
  children: number[];
  c4?: string;
}

export interface Dir {
  /** Relative to the writer's root ('' for it). */
  path: string;
  nameBytes: Buffer;
  parent: number;
  /** The scope (history) the folder belongs to: the nearest history at or above it. */
  scope: number;
  /** Every scope the folder is inside, outermost first. */
  scopes: number[];
  ignored: boolean;
  /** A record (or addDirectory) is at or below it: it is part of the tree. */
  used: boolean;
  mtime: number;
  subdirs: number[];
}

/** `list[index]`, which the code knows is there. */
export function at<T>(list: ArrayLike<T>, index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`internal error: nothing at index ${index}`);
  return value;
}

export function outOf(scope: Scope): Output {
  if (!scope.out) throw new Error('internal error: a history without output');
  return scope.out;
}

/** Every history taking part, and every folder a record is in, each with the history that holds it. */
export class ScopeTree {
  readonly dirs: Dir[] = [];
  private readonly dirIds = new Map<string, number>();
  readonly scopes: Scope[] = [];
  private readonly scopeByRoot = new Map<string, number>();

  /** `ignorePatterns`: the options' patterns, added to the history's own (or to the defaults). */
  constructor(history: MhlHistory, ignorePatterns: string[] | undefined) {
    const top = mergeIgnorePatterns(history.exists ? history.ignorePatterns : undefined, ignorePatterns);
    this.addScope(history, '', -1, top);
    for (const nested of history.allNested()) {
      const parentRoot = nested.path.includes('/') ? this.parentScopeRoot(nested.path) : '';
      const patterns = mergeIgnorePatterns(
        nested.history.exists ? nested.history.ignorePatterns : undefined,
        top,
      );
      this.addScope(nested.history, nested.path, this.scopeByRoot.get(parentRoot) ?? 0, patterns);
    }
    this.dirs.push({
      path: '',
      nameBytes: Buffer.alloc(0),
      parent: -1,
      scope: 0,
      scopes: [0],
      ignored: false,
      used: true,
      mtime: Number.NaN,
      subdirs: [],
    });
    this.dirIds.set('', 0);
    at(this.scopes, 0).rootDir = 0;
  }

  private parentScopeRoot(path: string): string {
    // the longest known scope root that is a proper prefix of `path`
    let best = '';
    for (const root of this.scopeByRoot.keys())
      if (root !== '' && path.startsWith(`${root}/`) && root.length > best.length) best = root;
    return best;
  }

  private addScope(history: MhlHistory, relRoot: string, parent: number, patterns: string[]): void {
    const index = this.scopes.length;
    this.scopes.push({
      history,
      relRoot,
      depth: parent === -1 ? 0 : at(this.scopes, parent).depth + 1,
      parent,
      rootDir: -1,
      patterns,
      matcher: compileIgnorePatterns(patterns),
    });
    this.scopeByRoot.set(relRoot, index);
  }

  relativeTo(scope: number, path: string): string {
    const root = at(this.scopes, scope).relRoot;
    return root === '' ? path : path.slice(root.length + 1);
  }

  /** Whether any history around folder `dir` ignores `path` itself. */
  matches(dir: number, path: string, isDir: boolean): boolean {
    for (const scope of at(this.dirs, dir).scopes) {
      if (at(this.scopes, scope).relRoot === path) continue;
      if (at(this.scopes, scope).matcher.matchesItself(this.relativeTo(scope, path), isDir)) return true;
    }
    return false;
  }

  /** The folder's id, made (with its parents) when new. */
  intern(path: string): number {
    const known = this.dirIds.get(path);
    if (known !== undefined) return known;
    const slash = path.lastIndexOf('/');
    const parent = this.intern(slash === -1 ? '' : path.slice(0, slash));
    const name = path.slice(slash + 1);
    const parentDir = at(this.dirs, parent);
    const nestedScope = this.scopeByRoot.get(path);
    const scopes = nestedScope === undefined ? parentDir.scopes : [...parentDir.scopes, nestedScope];
    const id = this.dirs.length;
    const dir: Dir = {
      path,
      nameBytes: Buffer.from(name, 'utf8'),
      parent,
      scope: nestedScope ?? parentDir.scope,
      scopes,
      ignored: false,
      used: false,
      mtime: Number.NaN,
      subdirs: [],
    };
    this.dirs.push(dir);
    this.dirIds.set(path, id);
    // ascmhl folders are never recorded, whatever the patterns say
    dir.ignored = parentDir.ignored || name === ASCMHL_FOLDER || this.matches(parent, path, true);
    if (nestedScope !== undefined) at(this.scopes, nestedScope).rootDir = id;
    return id;
  }

  /** The folder and its parents are part of the tree. */
  markUsed(dir: number): void {
    for (let d = dir; d > 0 && !at(this.dirs, d).used; d = at(this.dirs, d).parent)
      at(this.dirs, d).used = true;
  }
}
