/** Errors of the ASC MHL library: each names the file it is about, says why, and what to do. */

/** Ends the message of an error that stopped a write (or its open()) before anything was written. */
export const NOTHING_WRITTEN = ' Nothing was written.';

/** Why a history could not be trusted or read. */
export type MhlChainProblem =
  /** A manifest's C4 differs from the one the chain (or a parent's reference) records. */
  | 'hash-mismatch'
  /** The chain lists a manifest that is not there. */
  | 'missing-manifest'
  /** A manifest sits in the ascmhl folder but the chain does not list it. */
  | 'unlisted-manifest'
  /** Manifests are there but ascmhl_chain.xml is not. */
  | 'missing-chain'
  /** Not well-formed XML, or not an ASC MHL document. */
  | 'malformed'
  /** The chain changed on disk while a new generation was being written. */
  | 'changed-meanwhile'
  /** The file could not be read. */
  | 'unreadable';

/**
 * A history that is broken: a manifest changed, missing or unlisted, a malformed file. `file` is the path
 * of the file at fault, relative to the root the caller named (e.g. `ascmhl/0002_Card_…Z.mhl`).
 */
export class MhlChainError extends Error {
  override readonly name = 'MhlChainError';

  constructor(
    readonly file: string,
    readonly problem: MhlChainProblem,
    message: string,
  ) {
    super(message);
  }
}

/** A record that cannot go into a manifest (a path XML cannot hold, a hash that is not a hash…). */
export class MhlRecordError extends Error {
  override readonly name = 'MhlRecordError';

  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
