/** Small schema parts every shape file uses. */
import { z } from 'zod';

/** A count or size: a whole number, never negative. */
export const count = z.number().int().nonnegative();
/** A moment as ISO-8601 with its offset. */
export const isoTime = z.iso.datetime({ offset: true });

/**
 * A job's id, `batch_id` on every wire (a UUID in practice). Letters, digits, `_` and `-` only, so it is
 * also safe as the name of the job's folder of records.
 */
export const BatchIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'a batch id is 1 to 128 letters, digits, "_" or "-"');
