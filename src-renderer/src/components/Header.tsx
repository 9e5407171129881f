/** The title bar: app name, the copy/move starter, the folder chooser and the keyboard shortcuts. */
import { ariaKeys, currentPlatform, withKeys } from '../keyboard/match';
import { AppIcon } from './AppIcon';

interface HeaderProps {
  onChooseFolder(): void;
  onCopyOrMove(): void;
  onShowShortcuts(): void;
}

/** App header with the "Copy or move…" and "Choose folder…" buttons, and the shortcuts sheet's. */
export function Header({ onChooseFolder, onCopyOrMove, onShowShortcuts }: HeaderProps) {
  const platform = currentPlatform();
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
      <button
        type="button"
        className="btn btn-primary"
        title={withKeys('Choose a folder to scan', 'choose-folder', platform)}
        aria-keyshortcuts={ariaKeys('choose-folder', platform)}
        onClick={onChooseFolder}
      >
        Choose folder…
      </button>
      <button
        type="button"
        className="icon-btn shortcuts-btn"
        aria-label="Keyboard shortcuts"
        title={withKeys('Keyboard shortcuts', 'help', platform)}
        aria-keyshortcuts={ariaKeys('help', platform)}
        onClick={onShowShortcuts}
      >
        <span aria-hidden="true">?</span>
      </button>
    </header>
  );
}
