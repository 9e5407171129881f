/**
 * Alerts for dropped or chosen paths that were not scanned: a refusal with the server's own explanation, or
 * dropped files, offered a copy or move instead.
 */
import { useEffect, useRef, useState } from 'react';
import { usePublishedHeight } from '../hooks/use-published-height';
import { chooseDestination } from '../transfer/flow';
import type { TransferKind } from '../transfer/transfer-labels';
import type { ScanAlert } from './use-scan-starter';

/** How long an alert stays, in ms, while the pointer or keyboard focus is not on it. */
export const ALERT_MS = 8_000;

interface AlertsProps {
  alerts: ScanAlert[];
  onDismiss(id: number): void;
}

/** "Copy to…" and "Move to…" for dropped files: each asks for the destination, then opens the options. */
function FileActions({ files, done }: { files: string[]; done(): void }) {
  const offer = (kind: TransferKind): void => {
    done();
    void chooseDestination(kind, files);
  };
  return (
    <div className="alert-actions">
      <button type="button" className="btn btn-small" onClick={() => offer('copy')}>
        Copy to…
      </button>
      <button type="button" className="btn btn-small" onClick={() => offer('move')}>
        Move to…
      </button>
    </div>
  );
}

/** One alert: dismisses itself after ALERT_MS; hovering or focusing it pauses the countdown. */
function AlertItem({ alert, onDismiss }: { alert: ScanAlert; onDismiss(id: number): void }) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const remaining = useRef(ALERT_MS);
  const paused = hovered || focused;
  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = window.setTimeout(() => onDismiss(alert.id), remaining.current);
    return () => {
      window.clearTimeout(timer);
      // Keep what is left, so a pause (or a re-render) resumes the countdown instead of restarting it.
      remaining.current = Math.max(0, remaining.current - (Date.now() - started));
    };
  }, [paused, alert.id, onDismiss]);
  const files = alert.files;
  return (
    <div
      className={`alert${files ? ' alert-files' : ''}`}
      data-testid="alert"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      <span className="alert-icon" aria-hidden="true" />
      <div className="alert-body">
        <div className="alert-text" role="alert">
          {alert.error}
        </div>
        {files && <FileActions files={files} done={() => onDismiss(alert.id)} />}
      </div>
      <button
        type="button"
        className="icon-btn close-btn"
        aria-label="Dismiss alert"
        onClick={() => onDismiss(alert.id)}
      />
    </div>
  );
}

/**
 * A stack of alerts at the bottom left of the window, above the toasts (clear of the results title and of
 * them), each dismissable and each leaving on its own after a while. Its height is published, as the toasts'
 * is, so that an open dialog keeps its buttons clear of both.
 */
export function Alerts({ alerts, onDismiss }: AlertsProps) {
  const measure = usePublishedHeight<HTMLDivElement>('--alerts-height');
  if (alerts.length === 0) return null;
  return (
    <div className="alerts" ref={measure}>
      {alerts.map((alert) => (
        <AlertItem key={alert.id} alert={alert} onDismiss={onDismiss} />
      ))}
    </div>
  );
}
