/**
 * Which files may form image sequences: the one list of extensions, used by the TypeScript rules
 * (frame-rules.ts) and handed to the C lister (native/frame_rules.c), which keeps no list of its own.
 * Numbered files of other kinds (`comp_v003.nk`, `B001C003.mxf`, `notes_2.txt`) stay single files.
 */
import { z } from 'zod';

/**
 * Image and frame-based formats, written one file per frame: film and VFX images, stills formats used for
 * frames, camera raw frames (ARRIRAW, CinemaDNG, R3D spans), photo raws for time-lapses, and per-frame volume
 * and geometry caches. Lower case, without the dot; matched against the whole extension, ignoring case.
 */
export const DEFAULT_SEQUENCE_EXTENSIONS: readonly string[] = [
  // Film and VFX images (not the texture formats tx and tex: their numbers are UDIM tiles, not frames)
  'exr', 'sxr', 'dpx', 'cin', 'hdr', 'pic',
  // Stills formats that render and comp write frame by frame
  'tif', 'tiff', 'tga', 'png', 'jpg', 'jpeg', 'jp2', 'j2c', 'j2k', 'jxl', 'webp', 'heic', 'heif', 'avif',
  'bmp', 'psd', 'psb', 'sgi', 'rgb', 'rgba', 'bw', 'iff', 'ppm', 'pgm',
  // Camera raw frames
  'ari', 'r3d', 'dng', 'cr2', 'cr3', 'nef', 'arw', 'raf', 'orf', 'rw2',
  // Per-frame caches
  'vdb', 'bgeo',
]; // prettier-ignore

/** In a list of sequence extensions: every extension may form sequences (fileseq's own behaviour). */
export const ANY_EXTENSION = '*';

/** Longest extension an entry may name (the C lister keeps each in a fixed slot). */
export const MAX_EXTENSION_LENGTH = 16;

const ENTRY = /^[a-z0-9][a-z0-9._+-]*$/;

/**
 * A list as a user writes it (`EXR, .dpx ,tif`) in the form the rules use: lower case, no leading dot, no
 * repeats. Returns an error naming the bad entry instead of throwing, for config and CLI messages.
 */
export function parseSequenceExtensions(
  items: readonly string[],
): { extensions: string[] } | { error: string } {
  const extensions: string[] = [];
  for (const item of items) {
    const entry = item.trim().replace(/^\./, '').toLowerCase();
    if (entry === '') continue;
    if (entry !== ANY_EXTENSION && (!ENTRY.test(entry) || entry.length > MAX_EXTENSION_LENGTH)) {
      return {
        error: `${JSON.stringify(item.trim())} is not an extension (letters, digits, ".", "_", "+", "-"; at most ${MAX_EXTENSION_LENGTH}), nor "*" for any`,
      };
    }
    if (!extensions.includes(entry)) extensions.push(entry);
  }
  return { extensions };
}

/** The setting as it travels in a scan spec: already parsed, so every entry is in the rules' form. */
export const SequenceExtensionsSchema = z
  .array(
    z
      .string()
      .max(MAX_EXTENSION_LENGTH)
      .regex(/^(\*|[a-z0-9][a-z0-9._+-]*)$/),
  )
  .max(1000);
