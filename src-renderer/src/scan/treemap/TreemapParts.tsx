/** The treemap's breadcrumb (where the zoom is, and the way back out) and its colour legend. */
import { formatBytes } from '../../../../src-shared/format';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { ancestorsOf } from '../tree/tree-model';
import type { LegendEntry } from './treemap-colors';
import { folderLabel, folderPath } from './treemap-facts';

/** One button per folder from the root down to the zoomed one (the current one marked as such). */
export function TreemapBreadcrumb({
  tree,
  zoom,
  onZoom,
}: {
  tree: ScanTree;
  zoom: number;
  onZoom: (dir: number) => void;
}) {
  const chain = ancestorsOf(tree, zoom);
  return (
    <nav className="treemap-crumbs" aria-label="Treemap folder">
      <ol>
        {chain.map((dir) => (
          <li key={dir}>
            <button
              type="button"
              className="treemap-crumb"
              title={folderPath(tree, dir)}
              aria-current={dir === zoom ? 'location' : undefined}
              onClick={() => onZoom(dir)}
            >
              {folderLabel(tree, dir)}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The colours of the file types in view, largest first. */
export function TreemapLegend({ entries }: { entries: readonly LegendEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ul className="treemap-legend" aria-label="Treemap colours by file type">
      {entries.map((entry) => (
        <li key={entry.key} data-testid="treemap-legend-item" data-ext={entry.key}>
          <span className="treemap-swatch" style={{ background: entry.color }} aria-hidden="true" />
          <span className="treemap-legend-name">{entry.label}</span>
          <span className="treemap-legend-size">{formatBytes(entry.bytes)}</span>
        </li>
      ))}
    </ul>
  );
}
