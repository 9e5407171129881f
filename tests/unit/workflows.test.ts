/**
 * The GitHub Actions workflows, checked offline: they parse as YAML, the Electron tests and the installers
 * run on Linux, macOS and Windows, CI runs `npm test`, and a version tag publishes with electron-builder.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  strategy?: { matrix: { os?: string[]; include?: { os: string }[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

function readWorkflow(name: string): Workflow {
  return parse(readFileSync(resolve(ROOT, '.github/workflows', name), 'utf8')) as Workflow;
}

/** The job `name` of `workflow`; a missing job fails the test that asks for it. */
function jobOf(workflow: Workflow, name: string): Job {
  const job = workflow.jobs[name];
  if (!job) throw new Error(`no job "${name}" in the workflow`);
  return job;
}

/** The operating systems a job's matrix runs on, as written (`os` or `include[].os`). */
function matrixOses(job: Job): string[] {
  const matrix = job.strategy?.matrix;
  return [...(matrix?.os ?? []), ...(matrix?.include ?? []).map((entry) => entry.os)];
}

/** Every shell line the job runs, one string. */
function runText(job: Job): string {
  return job.steps.map((step) => step.run ?? '').join('\n');
}

const THREE_OSES = [/^ubuntu-/, /^macos-/, /^windows-/];

describe('.github/workflows/ci.yml', () => {
  const ci = readWorkflow('ci.yml');

  it('runs on every push and pull request', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
  });

  it('runs npm test on Ubuntu, with the apt packages .ci/run installs', () => {
    const job = jobOf(ci, 'test');
    expect(job['runs-on']).toMatch(/^ubuntu-/);
    const run = runText(job);
    // Either `npm test` itself, or .ci/run, which installs the apt packages and then runs it.
    if (!/^\s*npm test\s*$/m.test(run)) {
      expect(run).toMatch(/\.ci\/run/);
      const ciRun = readFileSync(resolve(ROOT, '.ci/run'), 'utf8');
      expect(ciRun).toMatch(/^npm ci\b/m);
      expect(ciRun).toMatch(/^npm test\s*$/m);
      expect(ciRun).toMatch(/libxxhash-dev/);
      expect(ciRun).toMatch(/libssl-dev/);
    }
  });

  it('runs tests/electron on Ubuntu (under xvfb-run), macOS and Windows', () => {
    const job = jobOf(ci, 'electron');
    const oses = matrixOses(job);
    for (const os of THREE_OSES) expect(oses.some((name) => os.test(name))).toBe(true);
    const run = runText(job);
    expect(run).toMatch(/npx install-electron/);
    // The suite: `npm run test:electron` (vitest over tests/electron), under xvfb-run on Linux.
    expect(run).toMatch(/xvfb-run .*(npm run test:electron|vitest run .*tests\/electron)/);
    const electronSteps = job.steps.filter((step) => /test:electron|tests\/electron/.test(step.run ?? ''));
    expect(electronSteps.length).toBeGreaterThan(0);
    for (const step of electronSteps) expect(step.env?.WRANGLE_REQUIRE_ELECTRON).toBe('1');
  });
});

describe('.github/workflows/release.yml', () => {
  const release = readWorkflow('release.yml');
  const job = jobOf(release, 'installers');

  it('runs on version tags only', () => {
    expect(Object.keys(release.on)).toEqual(['push']);
    expect(release.on.push).toEqual({ tags: ['v*'] });
  });

  it('builds on Ubuntu, macOS and Windows with Node 22', () => {
    const oses = matrixOses(job);
    for (const os of THREE_OSES) expect(oses.some((name) => os.test(name))).toBe(true);
    const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version']).toBe(22);
  });

  it('publishes with electron-builder after npm ci, the build and the native addon', () => {
    const stepOf = (pattern: RegExp) => job.steps.findIndex((step) => pattern.test(step.run ?? ''));
    const order = [
      /^\s*npm ci\b/m,
      /^\s*npm run build\s*$/m,
      /^\s*npm run build:native\s*$/m,
      /^\s*npx electron-builder --publish always\s*$/m,
    ].map(stepOf);
    for (const index of order) expect(index).toBeGreaterThanOrEqual(0);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const publish = job.steps.find((step) => step.run?.includes('electron-builder --publish'));
    expect(publish?.env?.GH_TOKEN).toBe('${{ github.token }}');
  });

  it('caches the Electron and electron-builder downloads', () => {
    const cache = job.steps.find((step) => step.uses?.startsWith('actions/cache@'));
    expect(cache).toBeDefined();
    const paths = (job.strategy?.matrix.include ?? [])
      .map((entry) => (entry as { caches?: string }).caches ?? '')
      .join('\n');
    expect(paths).toMatch(/\.cache\/electron\n/);
    expect(paths).toMatch(/\.cache\/electron-builder/);
    expect(paths).toMatch(/Library\/Caches\/electron-builder/);
    expect(paths).toMatch(/AppData\/Local\/electron-builder\/Cache/);
  });

  it('takes signing and notarization from secrets', () => {
    const text = readFileSync(resolve(ROOT, '.github/workflows/release.yml'), 'utf8');
    for (const secret of [
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
    ]) {
      expect(text).toContain(`\${{ secrets.${secret} }}`);
    }
  });
});
