/** "2 transfers are running. Quit and cancel them?": main holds the quit until this is answered. */
import { useEffect, useId } from 'react';
import { useDialogFocus } from '../hooks/use-dialog-focus';
import { quitQuestion } from './desktop-labels';

interface QuitDialogProps {
  transfers: number;
  /** true: quit and cancel the transfers; false: keep running. */
  onAnswer(confirmed: boolean): void;
}

/** The confirmation, over everything else; Esc keeps running, as the safe answer. */
export function QuitDialog({ transfers, onAnswer }: QuitDialogProps) {
  const { ref, onKeyDown } = useDialogFocus<HTMLDivElement>();
  const id = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onAnswer(false);
    };
    // Capture phase, so the progress modal underneath does not also take the Esc.
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [onAnswer]);

  const { title, detail } = quitQuestion(transfers);
  return (
    <div className="modal-backdrop desktop-backdrop">
      <div
        ref={ref}
        className="modal desktop-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-detail`}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} className="modal-title">
          {title}
        </h2>
        <p id={`${id}-detail`} className="desktop-detail">
          {detail}
        </p>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={() => onAnswer(false)}>
            Keep running
          </button>
          <button type="button" className="btn btn-danger" onClick={() => onAnswer(true)}>
            Quit and cancel
          </button>
        </div>
      </div>
    </div>
  );
}
