/** Reconnect delays: 1, 2, 4, 8, 16 s, then 16 s forever (docs/protocol.md, "Close codes"). */

/** First reconnect delay. */
export const DEFAULT_BACKOFF_BASE_MS = 1000;
/** Longest reconnect delay; retries never stop, they just stop growing. */
export const DEFAULT_BACKOFF_MAX_MS = 16_000;

/** Delay before reconnect attempt number `attempt` (0-based): base × 2^attempt, capped at max. */
export function reconnectDelay(
  attempt: number,
  baseMs = DEFAULT_BACKOFF_BASE_MS,
  maxMs = DEFAULT_BACKOFF_MAX_MS,
): number {
  // Cap the exponent too, so a long outage never overflows to Infinity.
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
}
