/** A process as Linux's /proc/<pid>/stat describes it: enough to tell a live process from a reused pid. */
import { readFileSync } from 'node:fs';

export interface ProcStat {
  /** The state letter (R, S, D, Z, …). */
  state: string;
  /** Field 22: when the process started, in clock ticks after boot, as the kernel wrote it. */
  startTime: string;
}

/** The process `pid` (or this one), or null when none is listed (or there is no /proc: see hasProcFs). */
export function procStat(pid: number | 'self'): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', startTime: fields[19] ?? '' };
}

/** Whether this system has /proc (Linux); without it no start time can be read. */
export const hasProcFs = procStat('self') !== null;
