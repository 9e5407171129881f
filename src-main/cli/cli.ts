#!/usr/bin/env node
/** The `wrangle` command: the same engine as the app, headless. */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../config';
import { workerEntriesIn } from '../jobs/worker-entries';
import { parseArgs, USAGE, UsageError } from './args';
import { ExitCode } from './run-job';
import { runScanCommand } from './scan-command';
import { runRetryCommand, runTransferCommand } from './transfer-command';
import { runVerifyCommand } from './verify-command';
import { runWatchCommand } from './watch-command';

declare const __WRANGLE_VERSION__: string | undefined;

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`wrangle: ${error.message}\n\n${error.usage ?? USAGE}\n`);
    return ExitCode.USAGE;
  }
  if (args.command === 'help') {
    process.stdout.write(`${args.usage ?? USAGE}\n`);
    return ExitCode.COMPLETED;
  }
  if (args.command === 'version') {
    process.stdout.write(`${typeof __WRANGLE_VERSION__ === 'string' ? __WRANGLE_VERSION__ : 'dev'}\n`);
    return ExitCode.COMPLETED;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`wrangle: ${error.message}\n`);
    return ExitCode.USAGE;
  }
  const entries = workerEntriesIn(dirname(fileURLToPath(import.meta.url)));
  if (args.command === 'scan') return runScanCommand(args, config, entries);
  if (args.command === 'watch') return runWatchCommand(args, config, entries);
  if (args.command === 'retry') return runRetryCommand(args, config, entries);
  if (args.command === 'verify') return runVerifyCommand(args, config, entries);
  return runTransferCommand(args, config, entries);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `wrangle: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    // Exit now: a worker or socket left open by the failed code would otherwise keep the process alive.
    process.exit(ExitCode.FAILED);
  },
);
