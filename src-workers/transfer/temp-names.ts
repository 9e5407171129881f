/**
 * Temporary names of files being written, and who owns them. A name says which process wrote it (host, pid
 * and that process's start time), so a leftover is removed only once its writer is gone, never by age.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { procStat } from '../../src-node/proc-stat';

/** The marker inside every temporary name. */
export const TEMP_MARKER = '.wrangle-part-';
/** NAME_MAX on Linux filesystems, in bytes. */
const NAME_MAX_BYTES = 255;

/** The process that writes a temporary file. */
export interface TempOwner {
  /** 8 hex digits naming the machine (from /etc/machine-id, else the hostname). */
  host: string;
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat field 22): tells a reused pid apart. */
  start: string;
}

const SHAPE = /^\.([\s\S]*)\.wrangle-part-([0-9a-f]{8})-([1-9][0-9]{0,9})-([0-9]{1,20})-([0-9]{1,10})$/;

let self: TempOwner | undefined;

/** This process as a temp-file owner. */
export function currentOwner(): TempOwner {
  self ??= { host: hostId(), pid: process.pid, start: processStart(process.pid) ?? '0' };
  return self;
}

/** 8 hex digits for this machine; the same for every process on it. */
export function hostId(): string {
  let seed: string;
  try {
    seed = readFileSync('/etc/machine-id', 'utf8').trim();
  } catch {
    seed = '';
  }
  return createHash('sha256')
    .update(seed || hostname())
    .digest('hex')
    .slice(0, 8);
}

/** A process's start time from /proc, or null when there is no such process. */
export function processStart(pid: number): string | null {
  return procStat(pid)?.startTime ?? null;
}

/** The part of every temporary name `owner` makes that comes before its number. */
export function tempTag(owner: TempOwner): string {
  return `${TEMP_MARKER}${owner.host}-${owner.pid}-${owner.start}-`;
}

/** The temporary name for `name`, written by `owner` as its `n`th temporary file. Never over NAME_MAX. */
export function tempNameFor(name: string, owner: TempOwner, n: number): string {
  const tail = `${tempTag(owner)}${n}`;
  let stem = name;
  // Shorten the name (never the tail, which proves ownership) until the whole fits.
  while (Buffer.byteLength(`.${stem}${tail}`) > NAME_MAX_BYTES) stem = [...stem].slice(0, -1).join('');
  return `.${stem}${tail}`;
}

/** The owner encoded in a temporary name, or null when the name is not exactly one of ours. */
export function parseTempName(name: string): (TempOwner & { n: number }) | null {
  const match = SHAPE.exec(name);
  if (!match) return null;
  return { host: match[2] as string, pid: Number(match[3]), start: match[4] as string, n: Number(match[5]) };
}

/**
 * Whether the writer of a temporary file may still be running: 'alive', 'dead', or 'unknown' when it ran on
 * another machine (shared storage): only 'dead' lets a leftover be removed.
 */
export function ownerState(owner: TempOwner): 'alive' | 'dead' | 'unknown' {
  if (owner.host !== currentOwner().host) return 'unknown';
  const start = processStart(owner.pid);
  return start !== null && start === owner.start ? 'alive' : 'dead';
}
