/** Small schema parts every shape file uses. */
import { z } from 'zod';

/** A count or size: a whole number, never negative. */
export const count = z.number().int().nonnegative();
/** A moment as ISO-8601 with its offset. */
export const isoTime = z.iso.datetime({ offset: true });
