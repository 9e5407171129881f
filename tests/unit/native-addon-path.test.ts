/** Where host and workers look for the native addon: the checkout's build/Release, or beside app.asar. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  locateNativeAddon,
  NATIVE_ADDON_ENV,
  packagedResourcesDir,
  workerNativeAddon,
} from '../../src-node/native-addon';

const ROOT = resolve(import.meta.dirname, '../..');
const CHECKOUT_ADDON = join(ROOT, 'build', 'Release', 'wrangle_native.node');

/** Options utilityProcess.fork was last called with. */
const forkOptions: { env?: Record<string, string | undefined> }[] = [];

// Electron itself cannot load under plain Node; utilityProcess.fork is stood in for.
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  return {
    utilityProcess: {
      fork: (_entry: string, _args: string[], options: { env?: Record<string, string | undefined> }) => {
        forkOptions.push(options);
        return Object.assign(new EventEmitter(), { pid: 1, postMessage: () => undefined, kill: () => true });
      },
    },
  };
});

describe('locateNativeAddon', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'wrangle-addon-path-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds resources/native beside app.asar in a packaged app, on POSIX and Windows paths', () => {
    expect(locateNativeAddon('/opt/Wrangle/resources/app.asar/out/main')).toBe(
      join('/opt/Wrangle/resources', 'native', 'wrangle_native.node'),
    );
    expect(locateNativeAddon('/opt/Wrangle/resources/app.asar/out/main/chunks')).toBe(
      join('/opt/Wrangle/resources', 'native', 'wrangle_native.node'),
    );
    expect(packagedResourcesDir('/Applications/Wrangle.app/Contents/Resources/app.asar/out/main')).toBe(
      '/Applications/Wrangle.app/Contents/Resources',
    );
    expect(
      packagedResourcesDir('C:\\Program Files\\Wrangle\\resources\\app.asar\\out\\main')?.split(/[\\/]/),
    ).toEqual(['C:', 'Program Files', 'Wrangle', 'resources']);
    // app.asar.unpacked, or a folder merely named like it, is not the archive.
    expect(packagedResourcesDir('/opt/Wrangle/resources/app.asar.unpacked/out/main')).toBeNull();
    expect(packagedResourcesDir(join(ROOT, 'out', 'main'))).toBeNull();
  });

  it("finds the checkout's build/Release from out/main, its chunks, and the worker sources", () => {
    for (const dir of ['out/main', 'out/main/chunks', 'src-workers/scan']) {
      expect(locateNativeAddon(join(ROOT, dir)), dir).toBe(CHECKOUT_ADDON);
    }
  });

  it('names build/Release two levels up when no addon is built, so the load error says where it looked', () => {
    const main = join(scratch, 'bare', 'out', 'main');
    mkdirSync(main, { recursive: true });
    expect(locateNativeAddon(main)).toBe(join(scratch, 'bare', 'build', 'Release', 'wrangle_native.node'));
    // A staged copy with the addon beside it (as the tests stage workers) finds that one.
    const staged = join(scratch, 'staged');
    mkdirSync(join(staged, 'out', 'main', 'chunks'), { recursive: true });
    mkdirSync(join(staged, 'build', 'Release'), { recursive: true });
    copyFileSync(CHECKOUT_ADDON, join(staged, 'build', 'Release', 'wrangle_native.node'));
    expect(locateNativeAddon(join(staged, 'out', 'main', 'chunks'))).toBe(
      join(staged, 'build', 'Release', 'wrangle_native.node'),
    );
  });
});

describe('workerNativeAddon', () => {
  it("takes the host's absolute path first, and ignores a relative one", () => {
    const dir = join(ROOT, 'out', 'main');
    expect(workerNativeAddon({ [NATIVE_ADDON_ENV]: '/opt/Wrangle/resources/native/x.node' }, dir)).toBe(
      '/opt/Wrangle/resources/native/x.node',
    );
    expect(workerNativeAddon({ [NATIVE_ADDON_ENV]: 'native/x.node' }, dir)).toBe(CHECKOUT_ADDON);
    expect(workerNativeAddon({}, dir)).toBe(CHECKOUT_ADDON);
  });
});

describe('the Electron worker host', () => {
  it("forks each utility process with main's environment plus the addon path", async () => {
    const { createUtilityWorkerHost } = await import('../../src-main/electron/utility-worker-host');
    const addon = '/opt/Wrangle/resources/native/wrangle_native.node';
    const host = createUtilityWorkerHost(() => undefined, { [NATIVE_ADDON_ENV]: addon });
    host.fork('/opt/Wrangle/resources/app.asar/out/main/scan-worker.cjs', 'wrangle-scan-a');
    host.fork('/opt/Wrangle/resources/app.asar/out/main/transfer-worker.cjs', 'wrangle-copy-b');
    expect(forkOptions).toHaveLength(2);
    for (const options of forkOptions) {
      expect(options.env?.[NATIVE_ADDON_ENV]).toBe(addon);
      expect(options.env?.PATH).toBe(process.env.PATH);
    }
  });
});
