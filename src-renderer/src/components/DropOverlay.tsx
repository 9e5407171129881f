/** The full-window overlay shown while folders are dragged over the app. */
export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">
        <span className="drop-icon" />
        <p>Drop folders to scan</p>
      </div>
    </div>
  );
}
