/** Toasts in the corner: job endings, each auto-dismissed after a few seconds. */
import { useEffect } from 'react';
import { appStore, useApp, type Toast } from '../store/app-store';

/** How long a toast stays, in ms. */
export const TOAST_MS = 6000;

function ToastItem({ toast }: { toast: Toast }) {
  useEffect(() => {
    const timer = window.setTimeout(() => appStore.getState().dismissToast(toast.id), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast.id]);
  return (
    <div className={`toast toast-${toast.kind}`} role="status">
      <span className="toast-icon" aria-hidden="true" />
      <span className="toast-text">{toast.text}</span>
      <button
        type="button"
        className="icon-btn close-btn"
        aria-label="Dismiss notification"
        onClick={() => appStore.getState().dismissToast(toast.id)}
      />
    </div>
  );
}

/** The toast stack. */
export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
