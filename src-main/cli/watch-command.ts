/**
 * `wrangle watch`: a watch job through the full engine, shown as JSON lines (--json), a live screen (a
 * terminal), or one plain line per changed sequence (a pipe or a log). Ctrl-C ends it: exit 130, as every
 * command that is interrupted.
 */
import type { Config } from '../config';
import type { WorkerEntries } from '../jobs/job-manager';
import { folderArg } from './folder-arg';
import type { WatchUpdate } from '../../src-shared/watch-shapes';
import type { WatchArgs } from './args';
import { ExitCode, runJob } from './run-job';
import { coverageLabel } from '../../src-shared/watch-labels';
import { sequenceLine } from './watch-lines';
import { WatchScreen } from './watch-screen';
import { WatchView } from '../../src-shared/watch-view';
import { CLI_FOCUS_NAME, SequenceFocus } from './sequence-focus';

/** One JSON object a line: `ready`, then `sequence` and `sequence_removed` as they happen. */
function writeJsonLines(update: WatchUpdate, out: NodeJS.WritableStream): void {
  const lines: object[] = [];
  if (update.initial) {
    lines.push({
      event: 'ready',
      root: update.root,
      files: update.file_count,
      sequences: update.sequence_count,
      watched: update.coverage,
    });
  }
  for (const { dir, pattern } of update.removed) lines.push({ event: 'sequence_removed', dir, pattern });
  for (const { sequence, landed_at } of update.changed)
    lines.push({ event: 'sequence', sequence, landed_at });
  if (lines.length > 0) out.write(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
}

/**
 * Plain lines for a pipe or a log: what is watched (again when that changes: a polled watch takes on the
 * folders with sequences after its first update), then each changed sequence. Returns the coverage said.
 */
function writePlainLines(update: WatchUpdate, out: NodeJS.WritableStream, said: string): string {
  const now = Date.now();
  const lines: string[] = [];
  const coverage = coverageLabel(update.coverage, CLI_FOCUS_NAME);
  if (update.initial) lines.push(`Watching ${update.root}: ${coverage}`);
  else if (coverage !== said) lines.push(`Now ${coverage}`);
  for (const { dir, pattern } of update.removed) lines.push(`${dir ? `${dir}/` : ''}${pattern}: gone`);
  for (const changed of update.changed) lines.push(sequenceLine(changed, now));
  if (lines.length > 0) out.write(lines.join('\n') + '\n');
  return coverage;
}

/** Run `wrangle watch`; resolves with the exit code once Ctrl-C (or SIGTERM) has stopped it. */
export async function runWatchCommand(
  args: WatchArgs,
  config: Config,
  entries: WorkerEntries,
): Promise<number> {
  const root = await folderArg(args.dir, 'watch');
  if (root === null) return ExitCode.USAGE;
  const model = new WatchView();
  return runJob(
    {
      kind: 'watch',
      describe: `watch of ${root}`,
      // --json here is a stream of lines, written as updates come; there is no final object.
      json: false,
      printProgressEndpoint: args.printProgressEndpoint,
      start: (manager) => manager.startWatch(root),
      summary: () => undefined,
      attach: (manager, batchId) => {
        const screen =
          !args.json && process.stdout.isTTY ? new WatchScreen(process.stdout, model) : undefined;
        const focus = new SequenceFocus((folders) => {
          try {
            manager.setWatchFocus(batchId, folders);
          } catch {
            // The watch ended as this update came: nothing is polled any more.
          }
        });
        let said = '';
        const onUpdate = (id: string, update: WatchUpdate): void => {
          if (id !== batchId) return;
          model.apply(update);
          focus.follow(update, model);
          if (args.json) writeJsonLines(update, process.stdout);
          else if (screen) screen.draw();
          else said = writePlainLines(update, process.stdout, said);
        };
        manager.on('watch', onUpdate);
        return () => {
          manager.off('watch', onUpdate);
          screen?.stop();
        };
      },
    },
    config,
    entries,
  );
}
