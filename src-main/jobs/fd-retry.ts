/** Retries an fs operation that failed only because the process or system ran out of file descriptors. */

/** Codes that mean "no descriptor free right now": they pass once something else closes one. */
const OUT_OF_DESCRIPTORS = new Set(['EMFILE', 'ENFILE', 'EAGAIN']);

/** Waits between attempts: about 0.8 s in all, short enough that a save still lands before anyone looks. */
export const FD_RETRY_DELAYS_MS: readonly number[] = [25, 50, 100, 200, 400];

/** True for an error that a retry may cure (EMFILE, ENFILE, EAGAIN). */
export function isOutOfDescriptors(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && OUT_OF_DESCRIPTORS.has(code);
}

/**
 * Run `operation`; while it fails for want of a descriptor, wait and run it again, up to `delaysMs.length`
 * more times. Any other error, or the last one, is thrown. `operation` must be safe to repeat.
 */
export async function retryOnDescriptorShortage<T>(
  operation: () => Promise<T>,
  delaysMs: readonly number[] = FD_RETRY_DELAYS_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !isOutOfDescriptors(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
