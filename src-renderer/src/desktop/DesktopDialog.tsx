/**
 * The frame of the app's own dialogs over everything else (About, Quit, Keyboard shortcuts): a backdrop, a
 * modal dialog that takes the focus and keeps Tab inside, and Esc for this dialog only.
 */
import { useEffect, type ReactNode } from 'react';
import { useDialogFocus } from '../hooks/use-dialog-focus';

interface DesktopDialogProps {
  /** Extra class names on the dialog box. */
  className?: string;
  /** 'alertdialog' for a question that must be answered. */
  role?: 'dialog' | 'alertdialog';
  /** The id of the element that names the dialog, and of the one that describes it. */
  titleId: string;
  describedBy?: string;
  /** What Esc does (close, or the safe answer). */
  onEscape(): void;
  children: ReactNode;
}

export function DesktopDialog({
  className,
  role = 'dialog',
  titleId,
  describedBy,
  onEscape,
  children,
}: DesktopDialogProps) {
  const { ref, onKeyDown } = useDialogFocus<HTMLDivElement>();

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onEscape();
    };
    // Capture phase: Esc is this dialog's, not the progress modal's underneath nor the app's shortcuts'.
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [onEscape]);

  return (
    <div className="modal-backdrop desktop-backdrop">
      <div
        ref={ref}
        className={`modal desktop-dialog${className ? ` ${className}` : ''}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}
