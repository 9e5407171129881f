/**
 * Which process runs a job, kept in its record, so that a second process on the same data folder (another CLI,
 * the app) recovers only jobs whose owner is gone, instead of failing jobs another process is running.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { hasProcFs, procStat } from '../../src-node/proc-stat';

/** The owner of a job: one engine of one process. */
export const JobOwnerSchema = z.object({
  pid: z.number().int().positive(),
  /**
   * Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot. A pid reused by a later
   * process has another start time. Null where there is no /proc.
   */
  start_time: z.number().int().nonnegative().nullable(),
  /** /proc/sys/kernel/random/boot_id: start times count from boot, so they mean nothing across a reboot. */
  boot_id: z.string().nullable(),
  /** One engine of the process: a process may stop its engine and start another (tests do). */
  engine: z.string().min(1),
});
export type JobOwner = z.infer<typeof JobOwnerSchema>;

/** Engines of this process that are running: their jobs are not orphans. */
const liveEngines = new Set<string>();

/** State letter and start time of a process; null when there is no such process, undefined without /proc. */
function processFacts(pid: number | 'self'): { state: string; startTime: number } | null | undefined {
  if (!hasProcFs) return undefined;
  const stat = procStat(pid);
  return stat && { state: stat.state, startTime: Number(stat.startTime) };
}

function readBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** This process, as an owner record names it. */
const self = { startTime: processFacts('self')?.startTime ?? null, bootId: readBootId() };

/** Without /proc (macOS): whether any process has this pid. EPERM means one does, of another user. */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A new owner identity for an engine of this process, live until releaseOwner. */
export function claimOwner(): JobOwner {
  const owner: JobOwner = {
    pid: process.pid,
    start_time: self.startTime,
    boot_id: self.bootId,
    engine: randomUUID(),
  };
  liveEngines.add(owner.engine);
  return owner;
}

/** The engine has stopped: its unfinished records (if any were left) become orphans. */
export function releaseOwner(owner: JobOwner): void {
  liveEngines.delete(owner.engine);
}

/**
 * True when the engine that ran a job is gone, so its unfinished record is an orphan to recover. A record
 * without an owner (written before owners were kept) is one, as it always was.
 */
export function ownerIsGone(owner: JobOwner | null | undefined): boolean {
  if (!owner) return true;
  if (owner.boot_id !== null && self.bootId !== null && owner.boot_id !== self.bootId) return true;
  if (owner.pid === process.pid && owner.start_time === self.startTime) return !liveEngines.has(owner.engine);
  const stat = processFacts(owner.pid);
  if (stat === undefined) return !pidExists(owner.pid);
  // A zombie has exited; only its parent has not collected it yet.
  if (stat === null || stat.state === 'Z' || stat.state === 'X') return true;
  return owner.start_time !== null && stat.startTime !== owner.start_time;
}
