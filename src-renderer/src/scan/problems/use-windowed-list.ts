/**
 * Windowing for a list of fixed-height rows: only the rows in view (plus overscan) are rendered, absolutely
 * placed in a spacer as tall as the whole list. The arithmetic is the folder tree's (tree-model.ts).
 */
import { useCallback, useRef, useState, type UIEvent } from 'react';
import { useElementSize } from '../../hooks/use-element-size';
import { scrollToRow, visibleRange } from '../tree/tree-model';

/** The scroller's props and what is in view. */
export interface WindowedList {
  /** Ref for the scrolling element. */
  ref: (element: HTMLDivElement | null) => void;
  onScroll: (event: UIEvent<HTMLDivElement>) => void;
  /** Rows [start, end) are rendered. */
  start: number;
  end: number;
  /** The spacer's height in px. */
  height: number;
  /** Rows that fit in view, less one: how far PageUp and PageDown move. */
  pageSize: number;
  /** Scroll as little as needed to show row `row` whole. */
  scrollIntoView(row: number): void;
}

/** Window `count` rows of `rowHeight` px. */
export function useWindowedList(count: number, rowHeight: number, overscan = 8): WindowedList {
  const scroller = useRef<HTMLDivElement | null>(null);
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  const [scrollTop, setScrollTop] = useState(0);
  const ref = useCallback(
    (element: HTMLDivElement | null) => {
      scroller.current = element;
      sizeRef(element);
    },
    [sizeRef],
  );
  const scrollIntoView = useCallback(
    (row: number) => {
      const element = scroller.current;
      if (!element) return;
      const next = scrollToRow(row, element.scrollTop, element.clientHeight, rowHeight);
      if (next !== element.scrollTop) {
        element.scrollTop = next;
        setScrollTop(next);
      }
    },
    [rowHeight],
  );
  const { start, end } = visibleRange(scrollTop, size.height, rowHeight, count, overscan);
  return {
    ref,
    onScroll: (event) => setScrollTop(event.currentTarget.scrollTop),
    start,
    end,
    height: count * rowHeight,
    pageSize: Math.max(1, Math.floor(size.height / rowHeight) - 1),
    scrollIntoView,
  };
}
