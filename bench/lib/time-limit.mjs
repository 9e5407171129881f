/** A time limit for a benchmark's child processes: a hung copy stops the benchmark, not the VM. */
import { descendantsOf } from './process-peaks.mjs';

/**
 * Settle as `promise` does, unless `seconds` pass first: then kill every process this benchmark started,
 * deepest first (a command's own workers too), and reject.
 */
export async function withTimeout(what, seconds, promise) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => {
      for (const pid of descendantsOf(process.pid).reverse()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
      reject(new Error(`${what} took longer than ${seconds} s and was killed`));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
