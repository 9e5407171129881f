/** The current file, middle-ellipsized to fit its box, with the full path in a tooltip. */
import { middleEllipsis } from '../../../src-shared/format';
import { useElementSize } from '../hooks/use-element-size';

/** Approximate width of one character of the monospaced path font, in px. */
const PATH_CHAR_PX = 7.3;

/** The current file, cut in the middle to fit; the full path is in the tooltip. */
export function CurrentFile({ path }: { path: string | null }) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const chars = Math.max(12, Math.floor(size.width / PATH_CHAR_PX));
  return (
    <div className="current-file" ref={ref}>
      <span data-testid="current-file" title={path ?? ''}>
        {path ? middleEllipsis(path, chars) : '—'}
      </span>
    </div>
  );
}
