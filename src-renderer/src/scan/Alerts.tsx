/** Alerts for paths the server refused to scan, each with the server's own explanation. */
import { useEffect, useRef, useState } from 'react';
import type { ScanAlert } from './use-scan-starter';

/** How long an alert stays, in ms, while the pointer or keyboard focus is not on it. */
export const ALERT_MS = 10_000;

interface AlertsProps {
  alerts: ScanAlert[];
  onDismiss(id: number): void;
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
  return (
    <div
      className="alert"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      <span className="alert-icon" aria-hidden="true" />
      <div className="alert-text" role="alert">
        {alert.error}
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

/** A stack of alerts at the top of the window, each dismissable and each leaving on its own after a while. */
export function Alerts({ alerts, onDismiss }: AlertsProps) {
  if (alerts.length === 0) return null;
  return (
    <div className="alerts">
      {alerts.map((alert) => (
        <AlertItem key={alert.id} alert={alert} onDismiss={onDismiss} />
      ))}
    </div>
  );
}
