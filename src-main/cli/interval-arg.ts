/** `--progress-interval`, shared by every job command's parser. */
import { INTERVAL_HELP, parseInterval } from '../config';
import { UsageError } from './usage-error';

export const PROGRESS_INTERVAL_FLAG = '--progress-interval';

/** The value of `--progress-interval` in milliseconds (0: no log lines). Throws UsageError. */
export function progressIntervalArg(value: string, usage?: string): number {
  const ms = parseInterval(value);
  if (ms === undefined) {
    throw new UsageError(`${PROGRESS_INTERVAL_FLAG} ${INTERVAL_HELP}; got ${JSON.stringify(value)}.`, usage);
  }
  return ms;
}
