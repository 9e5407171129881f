/** What a benchmark report says about its own run: the command line, the machine, the code under test. */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { basename, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The command line as typed, ready to paste; `scriptUrl` is the entry script's `import.meta.url`. */
export function commandLine(scriptUrl) {
  const quote = (arg) => (/^[\w./,=:@%+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);
  const script = relative(process.cwd(), fileURLToPath(scriptUrl)) || basename(process.argv[1]);
  return ['node', script, ...process.argv.slice(2)].map(quote).join(' ');
}

/** The start of a machine line: "2025-05-13, node v22.1.0, 2 CPUs (model), 8 GiB RAM". */
export function machineSummary() {
  const cpu = `${cpus().length} CPUs (${cpus()[0]?.model.trim()})`;
  const memory = `${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM`;
  const date = new Date().toISOString().slice(0, 10);
  return `${date}, node ${process.version}, ${cpu}, ${memory}`;
}

/** A note naming the WRANGLE_* variables set (they change every run, so the report must say so), or null. */
export function wrangleEnvironmentNote() {
  const setting = Object.keys(process.env).filter((name) => name.startsWith('WRANGLE_'));
  return setting.length
    ? `note: ${setting.join(', ')} set in the environment; they apply to every run`
    : null;
}

/** The commit of the checkout holding `path`, and whether its working tree has changes. */
export function gitHead(path) {
  const git = (...args) =>
    spawnSync('git', ['--no-optional-locks', '-C', dirname(path), ...args], { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD').stdout.trim() || 'not a git checkout';
  return git('status', '--porcelain', '--untracked-files=no').stdout.trim()
    ? `${head} + uncommitted changes`
    : head;
}
