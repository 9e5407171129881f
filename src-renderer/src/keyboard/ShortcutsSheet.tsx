/** The Keyboard shortcuts sheet (`?`, or the header's button): every entry of the shortcut table, as a dialog. */
import { useId } from 'react';
import { DesktopDialog } from '../desktop/DesktopDialog';
import { chordText, currentPlatform } from './match';
import { SHORTCUTS } from './shortcuts';

/** The sheet; Esc or Close dismisses it and gives the focus back. */
export function ShortcutsSheet({ onClose }: { onClose(): void }) {
  const id = useId();
  const platform = currentPlatform();

  return (
    <DesktopDialog className="shortcuts-sheet" titleId={`${id}-title`} onEscape={onClose}>
      <h2 id={`${id}-title`} className="modal-title">
        Keyboard shortcuts
      </h2>
      <table className="shortcuts-table" data-testid="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What it does</th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((entry) => (
            <tr key={entry.id} data-shortcut={entry.id}>
              <td className="shortcut-keys">
                {entry.chords.length === 0 ? (
                  <span className="shortcut-hint">{entry.keysText}</span>
                ) : (
                  entry.chords.map((chord, i) => (
                    <span key={i}>
                      {i > 0 && <span className="shortcut-or"> or </span>}
                      <kbd>{chordText(chord, platform)}</kbd>
                    </span>
                  ))
                )}
              </td>
              <td>{entry.label}</td>
              <td className="shortcut-where">{entry.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </DesktopDialog>
  );
}
