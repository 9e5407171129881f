/** The command line of bench/mhl-copy-1m.mjs: its flags, their checks and --help. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI } from './measure.mjs';

/** Parsed and checked command-line options. */
export function readMhlCopyOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      files: { type: 'string', default: '1000000' },
      'per-dir': { type: 'string', default: '1000' },
      pairs: { type: 'string', default: '2' },
      dir: { type: 'string', default: '/dev/shm/wrangle-mhl1m' },
      cli: { type: 'string', default: CLI },
      xsd: { type: 'string', default: '/work/shared/ascmhl/xsd/ASCMHL.xsd' },
      'no-validate': { type: 'boolean', default: false },
      'xmllint-timeout': { type: 'string', default: '1800' },
      fresh: { type: 'boolean', default: false },
      clean: { type: 'boolean', default: false },
      'node-options': { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: node bench/mhl-copy-1m.mjs [--files N] [--per-dir N] [--pairs N] [--dir PATH]');
    console.log(
      '         [--cli PATH] [--xsd PATH] [--no-validate] [--xmllint-timeout S] [--fresh] [--clean]',
    );
    console.log('         [--json FILE]');
    process.exit(0);
  }
  const whole = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min)
      fail(`--${name} must be a whole number ≥ ${min}, not ${values[name]}`);
    return n;
  };
  const cli = resolve(values.cli);
  if (!existsSync(cli)) fail(`no CLI at ${cli} (build it, or pass --cli /path/to/out/main/cli.cjs)`);
  const xsd = resolve(values.xsd);
  if (!values['no-validate'] && !existsSync(xsd)) fail(`no schema at ${xsd} (pass --xsd, or --no-validate)`);
  return {
    files: whole('files', 1),
    perDir: whole('per-dir', 1),
    pairs: whole('pairs', 1),
    dir: resolve(values.dir),
    cli,
    xsd,
    validate: !values['no-validate'],
    xmllintTimeout: whole('xmllint-timeout', 1),
    fresh: values.fresh,
    clean: values.clean,
    nodeOptions: values['node-options'],
    json: values.json && resolve(values.json),
  };
}

/** Stop with a message. */
export function fail(message) {
  console.error(`mhl-copy-1m: ${message}`);
  process.exit(2);
}
