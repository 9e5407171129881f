/** The native addon's absolute path in this worker: given by the host (packaged app), else found from here. */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerNativeAddon } from '../src-node/native-addon';

/** Computed once per process or thread; a walker or copy thread inherits the host's environment. */
export const NATIVE_ADDON_PATH = workerNativeAddon(process.env, dirname(fileURLToPath(import.meta.url)));
