/**
 * ASC MHL file names (spec 6.3 and 7.3): a manifest in a history is named
 * `<numbering>_<foldername>_<YYYY-MM-DD>_<HHMMSS>Z.mhl`: the generation, zero-padded to 4 digits (more when
 * it passes 9999), starting at 1; the name of the folder the history covers; the UTC date and time the
 * operation started. The chain is `ascmhl_chain.xml`, both inside the `ascmhl` folder at the history's root.
 */

export const ASCMHL_FOLDER = 'ascmhl';
export const CHAIN_FILE = 'ascmhl_chain.xml';
export const MANIFEST_EXTENSION = '.mhl';

/** What a conforming manifest name says. */
export interface ManifestName {
  generation: number;
  folder: string;
  /** The operation's start, whole seconds, UTC. */
  createdAt: Date;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Why a folder name cannot be part of a manifest name, or undefined when it can. */
export function folderNameProblem(folder: string): string | undefined {
  if (folder === '') return 'the folder name is empty';
  if (folder === '.' || folder === '..') return `"${folder}" is not a folder name`;
  if (folder.includes('/')) return `the folder name "${folder}" contains "/"`;
  if (folder.includes('\0')) return 'the folder name contains a NUL character';
  return undefined;
}

/**
 * The manifest name for generation `generation` of the history of folder `folder`, created at `createdAt`.
 * Throws when the generation is not a positive integer, the folder name cannot be part of a file name, the
 * date is invalid, or the name would be longer than the 255 bytes file systems allow.
 */
export function formatManifestName(generation: number, folder: string, createdAt: Date): string {
  if (!Number.isSafeInteger(generation) || generation < 1)
    throw new RangeError(`A generation number must be a whole number from 1 up, not ${generation}.`);
  const problem = folderNameProblem(folder);
  if (problem !== undefined) throw new RangeError(`Cannot name a manifest: ${problem}.`);
  if (Number.isNaN(createdAt.getTime())) throw new RangeError('Cannot name a manifest: the date is invalid.');
  const date = `${pad(createdAt.getUTCFullYear(), 4)}-${pad(createdAt.getUTCMonth() + 1, 2)}-${pad(createdAt.getUTCDate(), 2)}`;
  const time = `${pad(createdAt.getUTCHours(), 2)}${pad(createdAt.getUTCMinutes(), 2)}${pad(createdAt.getUTCSeconds(), 2)}Z`;
  const name = `${pad(generation, 4)}_${folder}_${date}_${time}${MANIFEST_EXTENSION}`;
  if (Buffer.byteLength(name) > 255)
    throw new RangeError(
      `Cannot name a manifest for the folder "${folder}": the name would be ${Buffer.byteLength(name)} bytes, ` +
        'more than the 255 a file name may have. Rename the folder to something shorter.',
    );
  return name;
}

const STRICT = /^(\d{4,})_(.+)_(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})(\d{2})Z\.mhl$/s;
/** What the reference implementation accepts when it loads a history: 4+ digits, then optionally `_anything`. */
const LOOSE = /^(\d{4,})(?:_.+)?\.mhl$/s;

/** A conforming manifest name, taken apart; undefined for anything else (wrong shape, impossible date…). */
export function parseManifestName(name: string): ManifestName | undefined {
  const match = STRICT.exec(name);
  if (!match) return undefined;
  const [, number = '', folder = '', year, month, day, hours, minutes, seconds] = match;
  const generation = Number(number);
  if (generation < 1 || !Number.isSafeInteger(generation)) return undefined;
  if (folderNameProblem(folder) !== undefined) return undefined;
  const parts = [year, month, day, hours, minutes, seconds].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const createdAt = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]));
  // Reject dates that Date.UTC silently rolls over (2020-02-30, 25:00:00…).
  if (
    createdAt.getUTCFullYear() !== parts[0] ||
    createdAt.getUTCMonth() !== parts[1] - 1 ||
    createdAt.getUTCDate() !== parts[2] ||
    createdAt.getUTCHours() !== parts[3] ||
    createdAt.getUTCMinutes() !== parts[4] ||
    createdAt.getUTCSeconds() !== parts[5]
  )
    return undefined;
  return { generation, folder, createdAt };
}

/**
 * The generation number a manifest file name carries, also for names other tools wrote that do not follow
 * the convention to the letter (e.g. no `Z`, as in the spec's own examples): 4 or more leading digits, then
 * `_…` or nothing, then `.mhl`. Undefined when there is none.
 */
export function manifestGeneration(name: string): number | undefined {
  const match = LOOSE.exec(name);
  if (!match) return undefined;
  const generation = Number(match[1]);
  return generation >= 1 && Number.isSafeInteger(generation) ? generation : undefined;
}

/** Whether a file in an ascmhl folder is a manifest (ignoring `._` AppleDouble companions from macOS). */
export function looksLikeManifest(name: string): boolean {
  return name.endsWith(MANIFEST_EXTENSION) && !name.startsWith('._');
}
