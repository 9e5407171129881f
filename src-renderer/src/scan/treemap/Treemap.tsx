/**
 * The treemap of a scan beside its folder tree. The tree's selected row is the treemap's selection (`selected`),
 * and choosing a tile asks the tree to select its row (`onSelect`), so the two always agree. Double-click or
 * Enter zooms into a folder, the breadcrumb or Backspace/Escape climbs back out. When the tree selects a row
 * outside the zoomed folder, the treemap zooms out to the nearest folder holding both, so the row is in view.
 */
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { useElementSize } from '../../hooks/use-element-size';
import { ROW_DIR, buildSequenceIndex, type TreeIndex } from '../tree/tree-model';
import type { RowRef } from '../tree/row-ref';
import type { FilesSource } from '../tree/use-folder-files';
import { colorsFor, legendOf } from './treemap-colors';
import { drawOverlay, drawTiles, prepareCanvas } from './treemap-draw';
import { tileDetails, tileName, tilePath, treemapSummary } from './treemap-facts';
import {
  TILE_DIR,
  TILE_SEQUENCE,
  layoutTreemap,
  tileAt,
  type Tile,
  type TreemapSource,
} from './treemap-layout';
import {
  commonFolder,
  firstTile,
  folderOfRow,
  isWithin,
  rowOfTile,
  siblingToward,
  tileFinder,
  type Direction,
} from './treemap-select';
import { TreemapBreadcrumb, TreemapLegend } from './TreemapParts';
import { useTreemapFiles } from './use-treemap-files';

interface TreemapProps {
  tree: ScanTree;
  index: TreeIndex;
  /** Where folders' file lists are read (to split and colour their files). */
  files?: FilesSource;
  /** The scan's file types, most bytes first: each of the first few keeps one colour at every zoom. */
  typeRanking: readonly string[];
  /** The tree's selected row. */
  selected: RowRef;
  /** A tile was chosen: select its row in the tree. */
  onSelect: (row: RowRef) => void;
}

const KEY_DIRECTIONS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};
/** How many of the zoomed folder's tiles the stage lists in `data-tiles` (tests click them). */
const LISTED_TILES = 60;

export function Treemap({ tree, index, files: filesSource, typeRanking, selected, onSelect }: TreemapProps) {
  const [zoom, setZoom] = useState(0);
  // Where the pointer is (not which tile: a new layout, say once files are read, may put another one there).
  const [hover, setHover] = useState<{ x: number; y: number } | null>(null);
  const [stageRef, size] = useElementSize<HTMLDivElement>();
  const stage = useRef<HTMLDivElement | null>(null);
  const base = useRef<HTMLCanvasElement | null>(null);
  const overlay = useRef<HTMLCanvasElement | null>(null);
  const seqIndex = useMemo(() => buildSequenceIndex(tree), [tree]);
  const { files, want } = useTreemapFiles(filesSource, tree, seqIndex);
  const source: TreemapSource = useMemo(
    () => ({ tree, index, seqIndex, files }),
    [tree, index, seqIndex, files],
  );
  const colors = useMemo(() => colorsFor(typeRanking), [typeRanking]);
  const timing = useRef({ layoutMs: 0 });

  const layout = useMemo(() => {
    const started = performance.now();
    const laid = layoutTreemap(source, zoom, size.width, size.height);
    timing.current.layoutMs = performance.now() - started;
    return laid;
  }, [source, zoom, size.width, size.height]);
  useEffect(() => want(layout.unread), [layout, want]);
  const finder = useMemo(() => tileFinder(layout, tree, seqIndex), [layout, tree, seqIndex]);
  const selectedTile = finder.find(selected);
  const selectedExact = finder.exact(selected);
  const hoverTile = hover ? tileAt(layout, hover.x, hover.y) : -1;
  const legend = useMemo(() => legendOf(layout, colors), [layout, colors]);
  const summary = useMemo(() => treemapSummary(source, layout), [source, layout]);

  // A row chosen in the tree outside the zoomed folder: zoom out just enough to show it.
  useEffect(() => {
    const folder = folderOfRow(selected, seqIndex);
    setZoom((current) => (isWithin(tree, folder, current) ? current : commonFolder(tree, current, folder)));
  }, [selected, seqIndex, tree]);

  useLayoutEffect(() => {
    const canvas = base.current;
    if (!canvas) return;
    const started = performance.now();
    const ctx = prepareCanvas(canvas, size.width, size.height, window.devicePixelRatio || 1);
    if (ctx) drawTiles(ctx, layout, source, colors);
    const drawMs = performance.now() - started;
    const el = stage.current;
    if (!el) return;
    // Facts for tests and benchmarks: the cost of this paint, and where the zoomed folder's tiles are.
    el.dataset.layoutMs = timing.current.layoutMs.toFixed(2);
    el.dataset.drawMs = drawMs.toFixed(2);
    el.dataset.tileCount = String(layout.tiles.length);
    el.dataset.laidOut = String(layout.laidOut);
    el.dataset.tiles = JSON.stringify(
      layout.tiles
        .filter((tile) => tile.parent === -1)
        .slice(0, LISTED_TILES)
        .map((tile) => ({ name: tileName(source, tile), kind: tile.kind, ...rect(tile) })),
    );
  }, [layout, source, colors, size.width, size.height]);

  useLayoutEffect(() => {
    const canvas = overlay.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, size.width, size.height, window.devicePixelRatio || 1);
    if (ctx) drawOverlay(ctx, layout, hoverTile, selectedTile, selectedExact);
    const el = stage.current;
    const chosen = layout.tiles[selectedTile];
    if (el) {
      el.dataset.selected = chosen ? tilePath(source, chosen) : '';
      el.dataset.selectedRect = chosen ? JSON.stringify(rect(chosen)) : '';
    }
  }, [layout, source, hoverTile, selectedTile, selectedExact, size.width, size.height]);

  const setStage = (element: HTMLDivElement | null): void => {
    stage.current = element;
    stageRef(element);
  };

  const pointAt = (event: MouseEvent<HTMLCanvasElement>): { tile: number; x: number; y: number } => {
    const bounds = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - bounds.left;
    const y = event.clientY - bounds.top;
    return { tile: tileAt(layout, x, y), x, y };
  };

  /** The folder a tile zooms to: itself, or the folder it lies in. */
  const folderOfTile = (tile: Tile): number =>
    tile.kind === TILE_DIR ? tile.id : folderOfRow(rowOfTile(tile), seqIndex);

  const zoomTo = (dir: number): void => {
    if (dir !== zoom) setZoom(dir);
  };

  const climb = (): void => {
    const parent = tree.dirs.parent[zoom] ?? -1;
    if (parent < 0) return;
    // Select the folder climbed out of, so the keys carry on from there.
    setZoom(parent);
    onSelect({ kind: ROW_DIR, id: zoom, frame: -1 });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>): void => {
    const direction = KEY_DIRECTIONS[event.key];
    let handled = true;
    if (direction) {
      const from = selectedExact ? selectedTile : -1;
      const next =
        from >= 0
          ? siblingToward(layout, from, direction)
          : selectedTile >= 0
            ? selectedTile
            : firstTile(layout);
      const tile = layout.tiles[next];
      if (tile) onSelect(rowOfTile(tile));
    } else if (event.key === 'Enter') {
      // The selected row's folder, even when it is too small to be drawn at this zoom.
      const folder = folderOfRow(selected, seqIndex);
      if (isWithin(tree, folder, zoom)) zoomTo(folder);
    } else if (event.key === 'Backspace' || event.key === 'Escape') {
      if (zoom === 0) handled = false;
      else climb();
    } else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  const hovered = layout.tiles[hoverTile];
  const details = hovered ? tileDetails(source, hovered) : null;
  const chosen = layout.tiles[selectedTile];
  // Nothing inside is selected (the zoomed folder itself is): describe the zoomed folder.
  const chosenDetails = tileDetails(source, chosen ?? zoomedTile(tree, zoom));
  return (
    <div className="treemap">
      <TreemapBreadcrumb tree={tree} zoom={zoom} onZoom={zoomTo} />
      <div ref={setStage} className="treemap-stage" data-testid="treemap-stage" data-zoom={zoom}>
        <canvas ref={base} className="treemap-canvas" aria-hidden="true" />
        <canvas
          ref={overlay}
          className="treemap-canvas treemap-focus"
          role="img"
          aria-label={summary}
          aria-describedby="treemap-keys"
          tabIndex={0}
          onKeyDown={onKeyDown}
          onMouseMove={(event) => {
            const point = pointAt(event);
            setHover({ x: point.x, y: point.y });
          }}
          onMouseLeave={() => setHover(null)}
          onClick={(event) => {
            const tile = layout.tiles[pointAt(event).tile];
            if (tile) onSelect(rowOfTile(tile));
          }}
          onDoubleClick={(event) => {
            const tile = layout.tiles[pointAt(event).tile];
            if (tile) zoomTo(folderOfTile(tile));
          }}
        />
        {hovered && details && hover && (
          <div
            className="treemap-tip"
            aria-hidden="true"
            style={tipPosition(hover.x, hover.y, size.width, size.height)}
          >
            <strong>{details.name}</strong>
            <span>{details.size}</span>
            <span className="treemap-tip-path">{details.path}</span>
          </div>
        )}
      </div>
      <p className="treemap-status" aria-live="polite" data-testid="treemap-selection">
        {`${chosen && !selectedExact ? 'In ' : ''}${chosenDetails.name}${chosen?.kind === TILE_SEQUENCE ? ' (sequence)' : ''} · ${chosenDetails.size}`}
      </p>
      <TreemapLegend entries={legend} />
      <p id="treemap-keys" className="treemap-keys">
        Arrow keys move between tiles, Enter zooms in, Backspace or Escape zooms out.
      </p>
    </div>
  );
}

/** The zoomed folder as a tile covering the stage (it is never drawn as one). */
function zoomedTile(tree: ScanTree, dir: number): Tile {
  const bytes = tree.dirs.total_size[dir] ?? 0;
  return {
    kind: TILE_DIR,
    id: dir,
    file: -1,
    x: 0,
    y: 0,
    w: 0,
    h: 0,
    bytes,
    parent: -1,
    ext: '',
    header: false,
    unread: false,
  };
}

function rect(tile: Tile): { x: number; y: number; w: number; h: number } {
  const round = (n: number): number => Math.round(n * 10) / 10;
  return { x: round(tile.x), y: round(tile.y), w: round(tile.w), h: round(tile.h) };
}

/** Beside the pointer, flipped to stay inside the stage. */
function tipPosition(x: number, y: number, width: number, height: number): { left: number; top: number } {
  const TIP_W = 280;
  const TIP_H = 64;
  return {
    left: x + 14 + TIP_W > width ? Math.max(0, x - 14 - TIP_W) : x + 14,
    top: y + 14 + TIP_H > height ? Math.max(0, y - 14 - TIP_H) : y + 14,
  };
}
