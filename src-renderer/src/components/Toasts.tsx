/**
 * Toasts in the corner: job endings, each one line (the whole message one click away under "Details"),
 * auto-dismissed after a few seconds unless the pointer or focus is on it or its details are open.
 */
import { useEffect, useId, useState } from 'react';
import { usePublishedHeight } from '../hooks/use-published-height';
import { appStore, useApp, type Toast } from '../store/app-store';

/** How long a toast stays, in ms. */
export const TOAST_MS = 6000;

function ToastItem({ toast }: { toast: Toast }) {
  const [open, setOpen] = useState(false);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const detailsId = useId();
  const held = open || hovered || focused;
  useEffect(() => {
    if (held) return;
    const timer = window.setTimeout(() => appStore.getState().dismissToast(toast.id), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast.id, held]);
  const details = toast.details;
  return (
    <div
      className={`toast toast-${toast.kind}${toast.details === undefined ? '' : ' has-details'}`}
      role="status"
      data-testid="toast"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      <div className="toast-main">
        <span className="toast-icon" aria-hidden="true" />
        <span className="toast-text" title={details ?? toast.text}>
          {toast.text}
        </span>
        {details !== undefined && (
          <button
            type="button"
            className="btn btn-small btn-ghost toast-more"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
          >
            Details
          </button>
        )}
        <button
          type="button"
          className="icon-btn close-btn"
          aria-label="Dismiss notification"
          onClick={() => appStore.getState().dismissToast(toast.id)}
        />
      </div>
      {details !== undefined && (
        <p id={detailsId} className="toast-details" hidden={!open}>
          {details}
        </p>
      )}
    </div>
  );
}

/** The toast stack; its height is published so that open dialogs and alerts keep clear of it. */
export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const measure = usePublishedHeight<HTMLDivElement>('--toasts-height');
  return (
    <div className="toasts" ref={measure}>
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
