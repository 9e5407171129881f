/** A command line that cannot run; the message says what to type instead. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The help to show under the message (the command's own); the general usage when unset. */
    readonly usage?: string,
  ) {
    super(message);
  }
}
