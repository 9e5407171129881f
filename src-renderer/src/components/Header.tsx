/** The title bar: app name, the copy/move starter and the folder chooser. */
import { AppIcon } from './AppIcon';

interface HeaderProps {
  onChooseFolder(): void;
  onCopyOrMove(): void;
}

/** App header with the "Copy or move…" and "Choose folder…" buttons. */
export function Header({ onChooseFolder, onCopyOrMove }: HeaderProps) {
  return (
    <header className="app-header">
      <div className="brand">
        <AppIcon size={18} />
        <h1 className="brand-name">Wrangle</h1>
      </div>
      <p className="header-hint">Drop folders anywhere to scan them</p>
      <button type="button" className="btn" onClick={onCopyOrMove}>
        Copy or move…
      </button>
      <button type="button" className="btn btn-primary" onClick={onChooseFolder}>
        Choose folder…
      </button>
    </header>
  );
}
