/**
 * Folder-level watching with chokidar: one watch per folder (never per file), so a 100k-frame tree costs as
 * many inotify watches as it has folders. Every entry inside a watched folder is ignored by chokidar; an event
 * in a folder only marks that folder for a re-read (folder-listing.ts), which finds what changed.
 *
 * chokidar lstats every entry of a folder it starts watching (even ignored ones). Started on 183 folders of
 * 30k files at once that peaked at 185 MB; so folders start in groups of about ENTRIES_PER_GROUP entries,
 * each group a chokidar instance of its own that is ready before the next one starts (83–91 MB).
 */
import { resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

/** Entries chokidar may stat at once while starting a group of folders. */
const ENTRIES_PER_GROUP = 4_096;

export interface FolderWatcherOptions {
  /** Stat each folder every `intervalMs` instead of inotify: network filesystems raise no events for other hosts. */
  polling: boolean;
  intervalMs: number;
  /** A watched folder (absolute path) saw a change. */
  onChange(folder: string): void;
  /** chokidar or the OS reported an error (a watch that could not be added, ENOSPC on watches). */
  onError(error: Error): void;
}

/** A folder to watch, with how many entries it holds (what chokidar will stat when it starts). */
export interface FolderToWatch {
  path: string;
  entries: number;
}

/** One chokidar instance and the folders it watches. */
interface Group {
  folders: Set<string>;
  watcher: FSWatcher;
}

/** Watches exactly the folders it is given, each on its own. */
export class FolderWatcher {
  private readonly groups = new Map<string, Group>();
  /** The group folders found later join (one at a time, so their stat cost is small). */
  private live: Group | undefined;
  private closed = false;

  constructor(private readonly options: FolderWatcherOptions) {}

  /** Folders watched now. */
  get size(): number {
    return this.groups.size;
  }

  /** Start watching `folders`, a group at a time; resolves once every one is watched. */
  async watchAll(folders: readonly FolderToWatch[]): Promise<void> {
    let paths: string[] = [];
    let entries = 0;
    for (const folder of folders) {
      paths.push(resolve(folder.path));
      entries += folder.entries;
      if (entries >= ENTRIES_PER_GROUP) {
        await this.startGroup(paths);
        [paths, entries] = [[], 0];
      }
    }
    if (paths.length > 0) await this.startGroup(paths);
  }

  /** Watch one more folder (found while watching). */
  add(folder: string): void {
    const path = resolve(folder);
    if (this.closed || this.groups.has(path)) return;
    this.live ??= this.group([]);
    this.live.folders.add(path);
    this.groups.set(path, this.live);
    this.live.watcher.add(path);
  }

  remove(folder: string): void {
    const path = resolve(folder);
    const group = this.groups.get(path);
    if (!group) return;
    this.groups.delete(path);
    group.folders.delete(path);
    void group.watcher.unwatch(path);
  }

  async close(): Promise<void> {
    this.closed = true;
    const watchers = new Set([...this.groups.values()].map((group) => group.watcher));
    if (this.live) watchers.add(this.live.watcher);
    this.groups.clear();
    await Promise.all([...watchers].map((watcher) => watcher.close()));
  }

  private async startGroup(paths: string[]): Promise<void> {
    if (this.closed) return;
    const group = this.group(paths);
    for (const path of paths) this.groups.set(path, group);
    await new Promise<void>((ready) => group.watcher.once('ready', () => ready()));
  }

  private group(paths: string[]): Group {
    const folders = new Set(paths);
    const watcher = watch(paths, {
      // Only this group's folders: their files and subfolders are noticed through their folder's events.
      ignored: (path: string) => !folders.has(resolve(path)),
      depth: 0,
      ignoreInitial: true,
      followSymlinks: false,
      usePolling: this.options.polling,
      interval: this.options.intervalMs,
      binaryInterval: this.options.intervalMs,
      // chokidar's atomic-write handling is for file events, which are not used here.
      atomic: false,
    });
    watcher.on('raw', (_event, path, details) => {
      const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
      const folder = resolve(typeof watched === 'string' ? watched : path);
      if (folders.has(folder)) this.options.onChange(folder);
    });
    watcher.on('error', (error) => this.options.onError(error as Error));
    return { folders, watcher };
  }
}
