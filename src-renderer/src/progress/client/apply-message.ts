/** Turns one server frame into store actions, behind validation and the batch filter. */
import { parseServerMessage, batchIdOf, type ServerMessage } from '../../../../src-shared/progress-protocol';
import type { AppStore } from '../../store/app-store';

/** What became of one frame. */
export type FrameOutcome =
  | { kind: 'applied'; message: ServerMessage; /** Set when the frame ended its batch. */ ended?: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string };

/** Validate a raw frame against ServerMessageSchema; returns the message or why it was refused. */
export function decodeFrame(
  data: unknown,
): { ok: true; message: ServerMessage } | { ok: false; reason: string } {
  // The server only sends text; a binary frame (Blob, ArrayBuffer, Buffer) is not ours to guess at.
  if (typeof data !== 'string') return { ok: false, reason: 'binary frame' };
  try {
    return { ok: true, message: parseServerMessage(data) };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message.slice(0, 200) : 'unparseable frame' };
  }
}

/** Apply a raw frame to the store if it is valid and about a batch in `subscribed` (or about no batch). */
export function applyFrame(store: AppStore, data: unknown, subscribed: ReadonlySet<string>): FrameOutcome {
  const decoded = decodeFrame(data);
  if (!decoded.ok) return { kind: 'invalid', reason: decoded.reason };
  const message = decoded.message;
  const batchId = batchIdOf(message);
  // The batch filter: a message for a batch we did not ask for never touches the store.
  if (batchId !== undefined && message.type !== 'error' && !subscribed.has(batchId)) {
    return { kind: 'ignored', reason: `not subscribed to ${batchId}` };
  }
  const actions = store.getState();
  switch (message.type) {
    case 'progress':
      // A snapshot must describe the batch it is addressed to, or one job would show another's numbers.
      if (message.data.batch_id !== message.batch_id) {
        return {
          kind: 'invalid',
          reason: `progress for ${message.batch_id} carries ${message.data.batch_id}`,
        };
      }
      if (!actions.applySnapshot(message.data)) return { kind: 'ignored', reason: 'stale snapshot' };
      return { kind: 'applied', message };
    case 'completed':
      actions.applyCompleted(message.batch_id, message.data.result, message.data.snapshot);
      return { kind: 'applied', message, ended: message.batch_id };
    case 'failed': {
      const { snapshot, error, code } = message.data;
      actions.applyFailed(message.batch_id, { error, code }, snapshot);
      return { kind: 'applied', message, ended: message.batch_id };
    }
    case 'cancelled':
      actions.applyCancelled(message.batch_id, message.data.snapshot);
      return { kind: 'applied', message, ended: message.batch_id };
    case 'jobs_update':
      actions.setJobs(message.data);
      return { kind: 'applied', message };
    case 'error':
      // UNKNOWN_BATCH is expected when subscribing before a job is known; the subscription stays.
      if (message.data.code === 'UNKNOWN_BATCH')
        return { kind: 'ignored', reason: 'unknown batch (harmless)' };
      return { kind: 'ignored', reason: `server error ${message.data.code}: ${message.data.error}` };
    case 'watch_update':
      actions.applyWatchUpdate(message.batch_id, message.data);
      return { kind: 'applied', message };
    case 'pong':
      return { kind: 'applied', message };
  }
}
