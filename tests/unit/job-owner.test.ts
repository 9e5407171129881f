/** Whether the process that ran a job is gone, decided on real processes: live, dead, reused pid, zombie. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { claimOwner, ownerIsGone, releaseOwner, type JobOwner } from '../../src-main/jobs/job-owner';

const hasProc = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

/** Fields of /proc/<pid>/stat after the command name: [0] is the state, [19] the start time. */
function statFields(pid: number): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

function ownerOf(pid: number): JobOwner {
  return {
    pid,
    start_time: Number(statFields(pid)[19]),
    boot_id: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    engine: 'another-process',
  };
}

describe.skipIf(!hasProc)('ownerIsGone', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  function sleeper(): ChildProcess & { pid: number } {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(child);
    return child as ChildProcess & { pid: number };
  }

  it('treats a record without an owner (written before owners were kept) as orphaned', () => {
    expect(ownerIsGone(null)).toBe(true);
    expect(ownerIsGone(undefined)).toBe(true);
  });

  it('keeps a job whose owner process is alive', () => {
    expect(ownerIsGone(ownerOf(sleeper().pid))).toBe(false);
  });

  it('releases a job whose pid is alive but started at another time (a reused pid)', () => {
    const owner = ownerOf(sleeper().pid);
    expect(ownerIsGone({ ...owner, start_time: (owner.start_time as number) + 1 })).toBe(true);
  });

  it('releases a job whose owner process has exited', async () => {
    const child = spawn('true', { stdio: 'ignore' });
    const owner = ownerOf(child.pid as number);
    await once(child, 'exit');
    expect(ownerIsGone(owner)).toBe(true);
  });

  it('releases a job whose owner is a zombie (dead, not yet reaped)', async () => {
    // sh starts a child, then becomes `sleep`, which never reaps it: the child stays a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(parent);
    const [chunk] = (await once(parent.stdout!, 'data')) as [Buffer];
    const zombie = Number(chunk.toString().trim());
    const owner = ownerOf(zombie);
    for (let i = 0; i < 200 && statFields(zombie)[0] !== 'Z'; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(statFields(zombie)[0]).toBe('Z');
    expect(ownerIsGone(owner)).toBe(true);
  });

  it('releases a job recorded before the last reboot', () => {
    expect(ownerIsGone({ ...ownerOf(sleeper().pid), boot_id: '00000000-0000-0000-0000-000000000000' })).toBe(
      true,
    );
  });

  it('keeps a job of an engine still running in this process, and releases it once that engine stops', () => {
    const owner = claimOwner();
    expect(owner.pid).toBe(process.pid);
    expect(owner.start_time).toBe(Number(statFields(process.pid)[19]));
    expect(ownerIsGone(owner)).toBe(false);
    releaseOwner(owner);
    expect(ownerIsGone(owner)).toBe(true);
  });
});
