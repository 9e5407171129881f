/** The compact list of everything a transfer handles: one row per entry, columns in plain arrays. */
import type { Stats } from 'node:fs';
import { join } from 'node:path';

/** What an entry is. `Unusable` rows were listed but cannot be transferred (reported when found). */
export const Kind = { Dir: 0, File: 1, Symlink: 2, Unusable: 3 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/**
 * Rows in walk order (a folder always before its contents). Only each entry's own name is stored, with its
 * parent's row, so a 50k-file tree costs a few MB; full paths are built when needed.
 */
export class EntryList {
  readonly parent: number[] = [];
  readonly name: string[] = [];
  readonly kind: Kind[] = [];
  readonly size: number[] = [];
  readonly mode: number[] = [];
  readonly atimeMs: number[] = [];
  readonly mtimeMs: number[] = [];
  /** Which source (index into the job's sources) each row belongs to. */
  readonly source: number[] = [];
  private readonly dirPaths = new Map<number, string>();

  get length(): number {
    return this.name.length;
  }

  /** Append a row; `parent` is -1 for a source itself. Returns its index. */
  add(parent: number, name: string, kind: Kind, stats: Stats | null, source: number): number {
    const index = this.name.length;
    this.parent.push(parent);
    this.name.push(name);
    this.kind.push(kind);
    this.size.push(kind === Kind.File && stats ? stats.size : 0);
    this.mode.push(stats ? stats.mode & 0o7777 : 0);
    this.atimeMs.push(stats ? stats.atimeMs : 0);
    this.mtimeMs.push(stats ? stats.mtimeMs : 0);
    this.source.push(source);
    return index;
  }

  parentAt(index: number): number {
    return this.parent[index] ?? -1;
  }
  nameAt(index: number): string {
    return this.name[index] ?? '';
  }
  kindAt(index: number): Kind {
    return this.kind[index] ?? Kind.Unusable;
  }
  sizeAt(index: number): number {
    return this.size[index] ?? 0;
  }
  modeAt(index: number): number {
    return this.mode[index] ?? 0;
  }
  atimeAt(index: number): number {
    return this.atimeMs[index] ?? 0;
  }
  mtimeAt(index: number): number {
    return this.mtimeMs[index] ?? 0;
  }
  sourceAt(index: number): number {
    return this.source[index] ?? 0;
  }

  /** Path of a row relative to the folder that holds its source (the destination, on the other side). */
  relative(index: number): string {
    const parent = this.parent[index] ?? -1;
    const name = this.name[index] ?? '';
    return parent < 0 ? name : join(this.dirRelative(parent), name);
  }

  private dirRelative(index: number): string {
    let path = this.dirPaths.get(index);
    if (path === undefined) {
      path = this.relative(index);
      this.dirPaths.set(index, path);
    }
    return path;
  }
}
