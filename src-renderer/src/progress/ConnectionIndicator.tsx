/** Live / connecting / polling indicator for the progress connection. */
import { useApp, type ConnectionState } from '../store/app-store';

const TEXT: Record<ConnectionState, string> = {
  live: 'Live',
  connecting: 'Connecting to real-time updates…',
  polling: 'Using polling mode',
};

/** Shows how progress is reaching the window; the dot pulses while live. */
export function ConnectionIndicator() {
  const connection = useApp((s) => s.connection);
  return (
    <span className={`connection connection-${connection}`}>
      <span className="connection-dot" aria-hidden="true" />
      <span data-testid="connection">{TEXT[connection]}</span>
    </span>
  );
}
