/** "2 transfers are running. Quit and cancel them?": main holds the quit until this is answered. */
import { useCallback, useId } from 'react';
import { DesktopDialog } from './DesktopDialog';
import { quitQuestion } from './desktop-labels';

interface QuitDialogProps {
  transfers: number;
  /** true: quit and cancel the transfers; false: keep running. */
  onAnswer(confirmed: boolean): void;
}

/** The confirmation, over everything else; Esc keeps running, as the safe answer. */
export function QuitDialog({ transfers, onAnswer }: QuitDialogProps) {
  const id = useId();
  const keepRunning = useCallback(() => onAnswer(false), [onAnswer]);
  const { title, detail } = quitQuestion(transfers);
  return (
    <DesktopDialog
      role="alertdialog"
      titleId={`${id}-title`}
      describedBy={`${id}-detail`}
      onEscape={keepRunning}
    >
      <h2 id={`${id}-title`} className="modal-title">
        {title}
      </h2>
      <p id={`${id}-detail`} className="desktop-detail">
        {detail}
      </p>
      <div className="modal-actions">
        <button type="button" className="btn btn-ghost" onClick={keepRunning}>
          Keep running
        </button>
        <button type="button" className="btn btn-danger" onClick={() => onAnswer(true)}>
          Quit and cancel
        </button>
      </div>
    </DesktopDialog>
  );
}
