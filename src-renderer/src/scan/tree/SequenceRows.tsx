/** The rows of an image sequence in the folder tree: the sequence itself and, when expanded, its frames. */
import type { SequenceEntry } from '../../../../src-shared/jobs';
import { formatBytes } from '../../../../src-shared/format';
import { framesText } from '../../../../src-shared/frame-text';
import { FrameStrip } from './FrameStrip';
import { SizeCell } from './SizeCell';
import type { TreeItemProps } from './tree-item-props';
import {
  frameFileName,
  frameListTitle,
  framesLabel,
  frameStatus,
  missingLabel,
  rangeLabel,
  suspectSmallLabel,
  zeroByteLabel,
  type SequenceFrames,
} from './sequence-model';
import { useFrameSizes } from './use-frame-sizes';
import type { FilesSource } from './use-folder-files';

interface CommonRowProps extends TreeItemProps {
  seq: SequenceEntry;
  /** Where the sizes of the frames are read (the folder's file list); without it they are not shown. */
  files?: FilesSource;
  /** The sequence's folder (an index into the tree shown). */
  dir: number;
}

/** One sequence: pattern, range, frame count, problems, size. */
export function SequenceRow({
  id,
  seq,
  level,
  expanded,
  active,
  setSize,
  posInSet,
  parentSize,
  indent,
  style,
  onClick,
  files,
  dir,
}: CommonRowProps & { expanded: boolean | undefined; parentSize: number }) {
  const sizeOf = useFrameSizes(files, dir, seq);
  const missing = missingLabel(seq);
  const zero = zeroByteLabel(seq);
  const small = suspectSmallLabel(seq, true);
  const problem = missing !== '' || zero !== '' || small !== '';
  const share = Math.min(100, (seq.total_size / parentSize) * 100);
  return (
    <div
      id={id}
      role="treeitem"
      data-testid="sequence-row"
      aria-level={level}
      aria-expanded={expanded}
      aria-selected={active}
      aria-setsize={setSize}
      aria-posinset={posInSet}
      className={`tree-row seq-row${active ? ' active' : ''}${problem ? ' has-problem' : ''}`}
      style={style}
      onClick={onClick}
    >
      <span className="tree-name" style={{ paddingLeft: `${indent}px` }}>
        <span
          className={`chevron${expanded === undefined ? ' leaf' : expanded ? ' open' : ''}`}
          aria-hidden="true"
        />
        <span className="seq-icon" aria-hidden="true" />
        <span className="tree-label seq-pattern" title={`${seq.pattern} (${framesText(seq.frames, 20)})`}>
          {seq.pattern}
        </span>
        <span className="seq-range" data-testid="seq-range">
          {rangeLabel(seq)}
        </span>
        {missing !== '' && (
          <span
            className="seq-flag missing"
            data-testid="seq-missing"
            title={`Missing frames: ${framesText(seq.missing, 20)}`}
          >
            {missing}
          </span>
        )}
        {zero !== '' && (
          <span
            className="seq-flag zero"
            data-testid="seq-zero-byte"
            title={`Zero-byte frames: ${frameListTitle(seq.zero_byte)}`}
          >
            {zero}
          </span>
        )}
        {small !== '' && (
          <span
            className="seq-flag small"
            data-testid="seq-suspect-small"
            title={`Much smaller than the other frames: ${frameListTitle(seq.suspect_small)}`}
          >
            {small}
          </span>
        )}
      </span>
      <SizeCell share={share} bytes={seq.total_size} />
      <span className="tree-files seq-count" data-testid="seq-count" title={framesLabel(seq)}>
        {framesLabel(seq)}
      </span>
      {/* In the Folders column, empty for a sequence: the strips line up and the name keeps its room. */}
      <FrameStrip seq={seq} sizeOf={sizeOf} />
    </div>
  );
}

const STATUS_TEXT = { ok: '', missing: 'missing', zero: 'zero-byte', small: 'suspiciously small' } as const;

/** One frame of an expanded sequence; a missing frame is a row too. */
export function FrameRow({
  id,
  seq,
  frames,
  frame,
  level,
  active,
  setSize,
  posInSet,
  indent,
  style,
  onClick,
  files,
  dir,
}: CommonRowProps & { frames: SequenceFrames; frame: number }) {
  const status = frameStatus(frames, frame);
  const file = frameFileName(seq, frame);
  const sizeOf = useFrameSizes(files, dir, seq);
  const bytes = status === 'missing' ? undefined : (sizeOf(frame) ?? (status === 'zero' ? 0 : undefined));
  return (
    <div
      id={id}
      role="treeitem"
      data-testid="frame-row"
      data-status={status}
      aria-level={level}
      aria-selected={active}
      aria-setsize={setSize}
      aria-posinset={posInSet}
      className={`tree-row frame-row status-${status}${active ? ' active' : ''}`}
      style={style}
      onClick={onClick}
    >
      <span className="tree-name" style={{ paddingLeft: `${indent}px` }}>
        <span className="chevron leaf" aria-hidden="true" />
        <span className="frame-number">{frame}</span>
        <span className="tree-label frame-file" title={file}>
          {file}
        </span>
        {status !== 'ok' && <span className={`seq-flag ${status}`}>{STATUS_TEXT[status]}</span>}
      </span>
      <span className="tree-size">
        <span className="tree-bytes" data-testid="frame-size">
          {status === 'missing' ? '—' : bytes === undefined ? '' : formatBytes(bytes)}
        </span>
      </span>
      <span className="tree-files" />
      <span className="tree-dirs" />
    </div>
  );
}
