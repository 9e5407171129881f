/** Runs the built `wrangle` CLI as a real child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { OUT_MAIN } from './engine';

export const CLI = join(OUT_MAIN, 'cli.cjs');

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process exits. */
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Resolves with the first stderr text matching `pattern`. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Start `node cli.cjs ...args` with extra environment. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const stderrListeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const listener of stderrListeners) listener();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  const waitForStderr = (pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = stderr.match(pattern);
        if (!match) return;
        stderrListeners.delete(check);
        clearTimeout(timer);
        resolve(match);
      };
      const timer = setTimeout(() => {
        stderrListeners.delete(check);
        reject(new Error(`stderr never matched ${pattern} within ${timeoutMs} ms; got: ${stderr}`));
      }, timeoutMs);
      stderrListeners.add(check);
      check();
    });
  return { child, done, waitForStderr };
}
