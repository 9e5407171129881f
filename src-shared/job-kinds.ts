/** The kinds of job, and the transfers among them: one list, so a new kind cannot miss a place. */
import { z } from 'zod';

export const JobKindSchema = z.enum(['scan', 'copy', 'move', 'verify', 'watch']);
export type JobKind = z.infer<typeof JobKindSchema>;

/** The jobs that move data: a copy or a move. */
export const TransferKindSchema = JobKindSchema.extract(['copy', 'move']);
export type TransferKind = z.infer<typeof TransferKindSchema>;
