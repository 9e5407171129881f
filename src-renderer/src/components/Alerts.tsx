/** Alerts for paths the server refused to scan, each with the server's own explanation. */
import type { ScanAlert } from '../hooks/use-scan-starter';

interface AlertsProps {
  alerts: ScanAlert[];
  onDismiss(id: number): void;
}

/** A stack of dismissable alerts at the top of the window. */
export function Alerts({ alerts, onDismiss }: AlertsProps) {
  if (alerts.length === 0) return null;
  return (
    <div className="alerts">
      {alerts.map((alert) => (
        <div key={alert.id} className="alert">
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
      ))}
    </div>
  );
}
