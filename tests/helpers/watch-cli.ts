/** Runs the built `wrangle watch --json` and waits for the JSON lines it prints. */
import { runCli, type CliRun } from './run-cli';

/** One line of `wrangle watch --json`. */
export type WatchLine = Record<string, unknown> & { event: string };

export interface WatchRun extends CliRun {
  /** Every line printed so far. */
  lines: WatchLine[];
  /** Resolves with the first line from `from` on (an index into `lines`) that `match` accepts. */
  waitForLine(match: (line: WatchLine) => boolean, from?: number, timeoutMs?: number): Promise<WatchLine>;
  /** Ctrl-C, then the exit. */
  interrupt(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** A generous wait: the watcher sends within a few hundred milliseconds; a loaded CI machine is slower. */
const DEFAULT_WAIT_MS = 15_000;

export function runWatch(dir: string, env: Record<string, string>): WatchRun {
  const run = runCli(['watch', dir, '--json'], env);
  const lines: WatchLine[] = [];
  const listeners = new Set<() => void>();
  let partial = '';
  run.child.stdout!.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const text of complete) if (text.trim()) lines.push(JSON.parse(text) as WatchLine);
    for (const listener of listeners) listener();
  });
  const waitForLine = (
    match: (line: WatchLine) => boolean,
    from = 0,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<WatchLine> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = lines.slice(from).find(match);
        if (!found) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(
          new Error(
            `no matching line within ${timeoutMs} ms; got:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`,
          ),
        );
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  const interrupt = (): Promise<{ code: number | null; stdout: string; stderr: string }> => {
    run.child.kill('SIGINT');
    return run.done;
  };
  return { ...run, lines, waitForLine, interrupt };
}

/** The `sequence` object of a `sequence` line whose pattern is `pattern`, or undefined. */
export function sequenceOf(line: WatchLine, pattern: string): Record<string, unknown> | undefined {
  if (line.event !== 'sequence') return undefined;
  const sequence = line.sequence as Record<string, unknown>;
  return sequence.pattern === pattern ? sequence : undefined;
}
