/** ASC MHL v2.0: read, check, continue and write histories (see docs/ascmhl.md). */
export { MhlChainError, MhlRecordError } from './errors';
export type { MhlChainProblem } from './errors';
export { readHistory, MhlHistory } from './history';
export type { ReadHistoryOptions } from './history';
export type { MhlDirectoryHashes, MhlFileRecord, MhlGeneration, MhlNestedHistory } from './history';
export { HistoryWriter } from './writer';
export type {
  HistoryWriteResult,
  HistoryWriterOptions,
  MhlAuthorInput,
  MhlDirectoryInput,
  MhlFileRecordInput,
  MhlTime,
} from './writer';
export {
  DEFAULT_IGNORE_PATTERNS,
  compileIgnorePatterns,
  isIgnored,
  mergeIgnorePatterns,
} from './ignore-patterns';
export type { IgnoreMatcher } from './ignore-patterns';
export {
  ASCMHL_FOLDER,
  CHAIN_FILE,
  formatManifestName,
  manifestGeneration,
  parseManifestName,
} from './manifest-names';
export type { ManifestName } from './manifest-names';
export type { HashAction, MhlAuthor } from './parse';
