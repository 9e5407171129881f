/** The title bar: app name and the folder chooser. */
interface HeaderProps {
  onChooseFolder(): void;
}

/** App header with the "Choose folder…" button. */
export function Header({ onChooseFolder }: HeaderProps) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Wrangle</span>
      </div>
      <p className="header-hint">Drop folders anywhere to scan them</p>
      <button type="button" className="btn btn-primary" onClick={onChooseFolder}>
        Choose folder…
      </button>
    </header>
  );
}
