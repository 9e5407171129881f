/**
 * One watched tree: which folders are watched (nearest the root first, within the budget; when polling, only
 * the root and the open folders are polled), re-reading the folders that changed, and handing out coalesced
 * updates. Reads only: nothing in the tree is ever written.
 */
import { join, relative } from 'node:path';
import type { WatchCoverage, WatchUpdate } from '../../src-shared/watch-shapes';
import type { FrameRules } from '../../src-shared/frame-rules';
import { listFolder } from './folder-listing';
import { FolderWatcher } from './folder-watcher';
import { PollFocus } from './poll-focus';
import { WatchState } from './watch-state';

export interface WatchSessionOptions {
  root: string;
  /** Most folders to watch (one inotify watch each). */
  budget: number;
  systemLimit: number | null;
  /** Why it polls (`forced`, or the network filesystem's name), or null to use inotify events. */
  pollReason: string | null;
  pollIntervalMs: number;
  /** How often every folder is re-read anyway (the reconcile): what the folders not polled wait for. */
  reconcileIntervalMs: number;
  /** Which files may be frames of a sequence (the scan's rules). */
  rules: FrameRules;
  /** Folders that changed within this long are re-read on every poll: a file growing changes no folder stat. */
  hotMs?: number;
  send(update: WatchUpdate): void;
  warn(message: string): void;
}

/**
 * Files a flush re-reads from the reconcile's folders at most: a reconcile of 100k files at once held the
 * worker for a second; spread over flushes, changes that events report still show within one.
 */
const RECONCILE_ENTRIES_PER_FLUSH = 20_000;

/** Polled folders that changed this recently are re-read on each poll (a frame written in place). */
const DEFAULT_HOT_MS = 30_000;

export class WatchSession {
  private readonly state = new WatchState();
  /** Folders found but not watched (over the budget), relative to the root. */
  private readonly unwatched = new Set<string>();
  private readonly dirty = new Set<string>();
  /** Folders the reconcile asks to re-read, after the ones events marked. */
  private readonly stale = new Set<string>();
  /** Each listed folder's subfolders when it was last read: what went away shows against it. */
  private readonly subdirsOf = new Map<string, string[]>();
  /** When each folder last changed, for polling's hot folders. */
  private readonly lastChange = new Map<string, number>();
  /** Polling: the folders open for polling, and those the watcher polls now (the open ones it holds). */
  private readonly focus = new PollFocus();
  private readonly polled = new Set<string>();
  /** Polling changed folders: the next flush says so even when no folder did. */
  private coverageChanged = false;
  private watcher: FolderWatcher | undefined;
  private started = false;

  constructor(private readonly options: WatchSessionOptions) {}

  /** Read the tree within the budget, start watching, and send the initial update. */
  async start(): Promise<void> {
    const initial = this.discover(['']);
    this.watcher = new FolderWatcher({
      polling: this.options.pollReason !== null,
      intervalMs: this.options.pollIntervalMs,
      onChange: (folder) => this.markDirty(relative(this.options.root, folder)),
      onError: (error) => this.options.warn(`watching: ${error.message}`),
    });
    const watched = initial.filter((dir) => this.watches(dir));
    for (const dir of watched) if (this.polling) this.polled.add(dir);
    await this.watcher.watchAll(
      watched.map((dir) => ({ path: this.absolute(dir), entries: this.state.entriesOf(dir) })),
    );
    // Anything that changed between the first read and the watches starting is caught by a second read.
    this.refresh(initial);
    this.started = true;
    this.options.send(this.update(true));
  }

  /** Mark every watched folder for a re-read (the minute's reconcile, in case events were lost). */
  reconcile(): void {
    for (const dir of this.watchedDirs()) this.stale.add(dir);
  }

  /**
   * The folders open in the results (relative to the root): a polled watch polls these and the root only, and
   * re-reads a folder as it opens (it may have changed while not polled). With inotify every folder is watched.
   */
  setFocus(folders: readonly string[]): void {
    this.focus.set(folders);
    if (!this.polling || !this.started) return;
    const { start, stop } = this.focus.change(this.polled, (dir) => this.state.has(dir));
    for (const dir of stop) {
      this.polled.delete(dir);
      this.lastChange.delete(dir);
      this.watcher?.remove(this.absolute(dir));
    }
    const now = Date.now();
    for (const dir of start) {
      this.polled.add(dir);
      this.watcher?.add(this.absolute(dir));
      this.dirty.add(dir);
      // Hot from the start: a frame already being written in place changes no folder stat a poll could see.
      this.lastChange.set(dir, now);
    }
    if (start.length + stop.length > 0) this.coverageChanged = true;
  }

  /** On a poll: re-read folders that changed recently, since a file written in place changes no folder stat. */
  pollHot(now: number): void {
    const hotMs = this.options.hotMs ?? DEFAULT_HOT_MS;
    for (const [dir, at] of this.lastChange) {
      if (now - at <= hotMs) this.dirty.add(dir);
      else this.lastChange.delete(dir);
    }
  }

  /** Whether folders wait for a re-read. */
  get pending(): boolean {
    return this.dirty.size + this.stale.size > 0 || this.coverageChanged;
  }

  /** Re-read the folders marked since the last flush, and send what changed (nothing when nothing did). */
  flush(): void {
    if (!this.started || !this.pending) return;
    const dirs = [...this.dirty];
    this.dirty.clear();
    let entries = 0;
    for (const dir of this.stale) {
      if (entries >= RECONCILE_ENTRIES_PER_FLUSH) break;
      this.stale.delete(dir);
      dirs.push(dir);
      entries += this.state.entriesOf(dir);
    }
    this.refresh(dirs);
    if (this.state.dirty || this.coverageChanged) this.options.send(this.update(false));
    this.coverageChanged = false;
  }

  async close(): Promise<void> {
    await this.watcher?.close();
  }

  private markDirty(dir: string): void {
    if (!this.state.has(dir)) return;
    this.dirty.add(dir);
    if (this.options.pollReason !== null) this.lastChange.set(dir, Date.now());
  }

  /** Re-read `dirs`: apply their listings, drop the ones gone, and take on new subfolders within the budget. */
  private refresh(dirs: readonly string[]): void {
    const now = Date.now();
    const found: string[] = [];
    for (const dir of dirs) {
      if (!this.state.has(dir)) continue; // removed by an earlier folder of this batch
      const listing = listFolder(this.absolute(dir), this.options.rules);
      if ('gone' in listing) {
        if (listing.gone) this.forget(dir);
        else this.options.warn(`cannot read ${this.absolute(dir)} (${listing.code})`);
        continue;
      }
      const subdirs = listing.subdirs.map((name) => join(dir, name));
      const present = new Set(subdirs);
      for (const known of this.subdirsOf.get(dir) ?? []) if (!present.has(known)) this.forget(known);
      for (const sub of subdirs) if (!this.state.has(sub) && !this.unwatched.has(sub)) found.push(sub);
      this.subdirsOf.set(dir, subdirs);
      this.state.apply(dir, listing, now);
    }
    if (found.length === 0) return;
    const added = this.discover(found);
    for (const dir of added) {
      if (this.watches(dir)) {
        this.watcher?.add(this.absolute(dir));
        if (this.polling) {
          this.polled.add(dir);
          this.coverageChanged = true;
        }
      }
      // A frame written right after its folder appeared may precede the watch: look again next flush.
      this.dirty.add(dir);
    }
  }

  /** List folders breadth first from `starts`, watching each while the budget lasts; returns those taken. */
  private discover(starts: readonly string[]): string[] {
    const taken: string[] = [];
    const queue = [...starts];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (this.state.folderCount >= this.options.budget) {
        this.unwatched.add(next);
        continue;
      }
      const listing = listFolder(this.absolute(next), this.options.rules);
      if ('gone' in listing) continue;
      this.state.apply(next, listing, Date.now(), this.started);
      taken.push(next);
      const subdirs = listing.subdirs.map((name) => join(next, name));
      this.subdirsOf.set(next, subdirs);
      queue.push(...subdirs);
    }
    return taken;
  }

  /** Stop watching `dir` and every folder below it: they went away. */
  private forget(dir: string): void {
    for (const sub of this.subdirsOf.get(dir) ?? []) this.forget(sub);
    this.subdirsOf.delete(dir);
    this.unwatched.delete(dir);
    this.state.remove(dir);
    this.watcher?.remove(this.absolute(dir));
    this.lastChange.delete(dir);
    if (this.polled.delete(dir)) this.coverageChanged = true;
    this.dirty.delete(dir);
    this.stale.delete(dir);
  }

  private get polling(): boolean {
    return this.options.pollReason !== null;
  }

  /** Whether the watcher is to watch `dir`: every folder with inotify, the open ones when polling. */
  private watches(dir: string): boolean {
    return !this.polling || this.focus.wants(dir);
  }

  private watchedDirs(): Iterable<string> {
    return this.state.folderDirs();
  }

  private absolute(dir: string): string {
    return dir === '' ? this.options.root : join(this.options.root, dir);
  }

  private coverage(): WatchCoverage {
    const polling = this.polling;
    return {
      mode: polling ? 'polling' : 'events',
      poll_reason: this.options.pollReason,
      poll_interval_ms: this.options.pollIntervalMs,
      ...(polling
        ? { folders_polled: this.polled.size, reconcile_interval_ms: this.options.reconcileIntervalMs }
        : {}),
      folders_watched: this.state.folderCount,
      folders_found: this.state.folderCount + this.unwatched.size,
      budget: this.options.budget,
      system_limit: this.options.systemLimit,
    };
  }

  private update(initial: boolean): WatchUpdate {
    const changes = this.state.take(initial);
    return {
      root: this.options.root,
      initial,
      coverage: this.coverage(),
      file_count: this.state.fileCount,
      total_size: this.state.totalSize,
      sequence_count: this.state.sequenceCount,
      ...changes,
      emitted_at: Date.now(),
    };
  }
}
