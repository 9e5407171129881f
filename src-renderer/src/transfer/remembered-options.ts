/** The transfer choices the options dialog remembers across launches (verify, ASC MHL, hashes, checksum file). */
import { z } from 'zod';
import { DEFAULT_HASHES, HashListSchema, type HashFormat } from '../../../src-shared/hash-formats';

/** What is remembered; everything else (policy, destinations) is chosen per transfer. */
export interface RememberedOptions {
  verify: boolean;
  mhl: boolean;
  hashes: HashFormat[];
  checksumFile: boolean;
}

/** The choices of a first launch: read every copy back, write an ASC MHL history, xxh64. */
export const DEFAULT_OPTIONS: Readonly<RememberedOptions> = Object.freeze({
  verify: true,
  mhl: true,
  hashes: [...DEFAULT_HASHES],
  checksumFile: false,
});

/** The localStorage key (versioned: a later shape gets its own key rather than misreading this one). */
export const OPTIONS_KEY = 'wrangle.transfer-options.v1';

/** Each field falls back to its default on its own, so one bad value does not lose the others. */
const StoredOptionsSchema = z.object({
  verify: z.boolean().catch(DEFAULT_OPTIONS.verify),
  mhl: z.boolean().catch(DEFAULT_OPTIONS.mhl),
  hashes: HashListSchema.catch(() => [...DEFAULT_OPTIONS.hashes]),
  checksumFile: z.boolean().catch(DEFAULT_OPTIONS.checksumFile),
});

/** The part of Storage used here (tests pass a Map-backed one). */
export type OptionsStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** window.localStorage, or null where there is none (or it is blocked). */
function defaultStorage(): OptionsStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The remembered choices; the defaults when nothing (or nothing readable) is stored. */
export function readRememberedOptions(storage = defaultStorage()): RememberedOptions {
  try {
    const text = storage?.getItem(OPTIONS_KEY);
    if (!text) return { ...DEFAULT_OPTIONS, hashes: [...DEFAULT_OPTIONS.hashes] };
    const parsed = StoredOptionsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Unparseable text or unreadable storage: the defaults.
  }
  return { ...DEFAULT_OPTIONS, hashes: [...DEFAULT_OPTIONS.hashes] };
}

/** Remember the choices of a transfer that started; a full or blocked storage just forgets. */
export function rememberOptions(options: RememberedOptions, storage = defaultStorage()): void {
  const { verify, mhl, hashes, checksumFile } = options;
  try {
    storage?.setItem(OPTIONS_KEY, JSON.stringify({ verify, mhl, hashes, checksumFile }));
  } catch {
    // Nothing to do: the next launch starts from the defaults.
  }
}
