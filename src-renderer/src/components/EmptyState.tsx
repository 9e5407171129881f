/** What the main area shows before any results are opened. */
export function EmptyState() {
  return (
    <div className="empty-state">
      <div className="empty-drop">
        <span className="drop-icon large" aria-hidden="true" />
        <h2>Drop a folder to scan it</h2>
        <p>
          Drop one or more folders anywhere on this window, or use <strong>Choose folder…</strong> above.
          Finished scans show their largest folders, files and anything that could not be read, and can be
          copied or moved from there. <strong>Copy or move…</strong> above does it without a scan.
        </p>
      </div>
    </div>
  );
}
