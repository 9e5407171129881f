/** The shape of a file tree's summary: folders, their sequences, their other files. */
import type { HandoverOut } from './model';
import type { StatusTally } from './status-tally';

/** A file listed by name. */
export interface LooseFile {
  name: string;
  size: number;
  status: string;
  /** The name it landed under (policy rename). */
  renamed?: string;
  cause?: string;
  /** Per destination, when they did not all end as `status`. */
  outs?: HandoverOut[];
}

/** Frames of one status in a sequence: how many, and the first few. */
export interface FrameStatus {
  status: string;
  /** Per destination, when they did not all end as `status`: frames are told apart by it too. */
  outs?: string[];
  count: number;
  /** Ascending, at most SummaryLimits.framesKept. */
  frames: number[];
}

/** One image sequence of a folder. */
export interface SequenceSummary {
  /** Every frame's name is `prefix + frame (zero-filled to padding) + suffix`. */
  prefix: string;
  suffix: string;
  /** `beauty.####.exr` (padding 4) or `beauty.@@@.exr`. */
  pattern: string;
  padding: number;
  first: number;
  last: number;
  /** The sequence's stride: 2 for every other frame (then frames off it are not missing). */
  step: number;
  count: number;
  /** Compact frame set, fileseq notation: "1001-1049,1051-1100". */
  frames: string;
  /** Missing frames within first..last, compact; "" when none. */
  missing: string;
  missing_count: number;
  bytes: number;
  zero_byte: FrameStatus;
  /** Frames by status, most first. */
  statuses: FrameStatus[];
}

/** Frame files of a folder that could not be kept as ranges (too scattered): counted, not listed. */
export interface UnlistedGroup {
  /** `prefix…suffix`. */
  name: string;
  files: number;
  bytes: number;
}

/** One folder's summary. */
export interface FolderSummary {
  /** Relative, like the rows' paths; '' for files at the top. */
  path: string;
  tally: StatusTally;
  sequences: SequenceSummary[];
  unlisted_groups: UnlistedGroup[];
  /** Files not in a sequence, by name, at most SummaryLimits.looseKept (plus a few singles). */
  loose: LooseFile[];
  /** How many files are not in a sequence (listed or not). */
  loose_count: number;
}

/** The whole tree's summary. */
export interface TreeSummary {
  folders: FolderSummary[];
  /** Files in folders beyond SummaryLimits.folders: counted only. */
  untracked: StatusTally;
  total: StatusTally;
  /** Per destination: what the rows say it did. */
  destinations: StatusTally[];
}
