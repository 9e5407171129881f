/** The WebSocket progress protocol: one schema for server, CLI watchers and the renderer. See docs/protocol.md. */
import { z } from 'zod';
import { isoTime } from './schema-parts';
import { JobFailureSchema, JobInfoSchema, JobResultSchema, ProgressSnapshotSchema } from './jobs';
import { BatchIdSchema } from './schema-parts';
import { WatchUpdateSchema } from './watch-shapes';

/** Path the progress server listens on. */
export const PROGRESS_PATH = '/api/v1/ws';

const batchId = BatchIdSchema;

// ---- client to server ---------------------------------------------------------------------------

const clientEnvelope = { timestamp: isoTime.optional() };

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping'), ...clientEnvelope }),
  z.object({ type: z.literal('subscribe'), batch_id: batchId, ...clientEnvelope }),
  z.object({ type: z.literal('unsubscribe'), batch_id: batchId, ...clientEnvelope }),
  z.object({ type: z.literal('subscribe_jobs'), ...clientEnvelope }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];

// ---- server to client ---------------------------------------------------------------------------

/** Codes carried by an `error` reply; the connection stays open after one. */
export const ProtocolErrorCodeSchema = z.enum([
  'BAD_JSON',
  'UNKNOWN_TYPE',
  'INVALID_MESSAGE',
  'UNKNOWN_BATCH',
]);
export type ProtocolErrorCode = z.infer<typeof ProtocolErrorCodeSchema>;

const serverEnvelope = { timestamp: isoTime };

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pong'), ...serverEnvelope }),
  z.object({
    type: z.literal('progress'),
    batch_id: batchId,
    data: ProgressSnapshotSchema,
    ...serverEnvelope,
  }),
  z.object({
    type: z.literal('completed'),
    batch_id: batchId,
    data: z.object({ result: JobResultSchema, snapshot: ProgressSnapshotSchema }),
    ...serverEnvelope,
  }),
  z.object({
    type: z.literal('failed'),
    batch_id: batchId,
    data: JobFailureSchema.extend({ snapshot: ProgressSnapshotSchema }),
    ...serverEnvelope,
  }),
  z.object({
    type: z.literal('cancelled'),
    batch_id: batchId,
    data: z.object({ snapshot: ProgressSnapshotSchema }),
    ...serverEnvelope,
  }),
  z.object({ type: z.literal('jobs_update'), data: z.array(JobInfoSchema), ...serverEnvelope }),
  // A watch job's coalesced changes (at most 4 a second); the first a subscriber gets carries everything.
  z.object({
    type: z.literal('watch_update'),
    batch_id: batchId,
    data: WatchUpdateSchema,
    ...serverEnvelope,
  }),
  z.object({
    type: z.literal('error'),
    batch_id: batchId.optional(),
    data: z.object({ error: z.string(), code: ProtocolErrorCodeSchema }),
    ...serverEnvelope,
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
export type ServerMessageType = ServerMessage['type'];

/** Server messages that end a batch: never dropped, never coalesced. */
export const TERMINAL_MESSAGE_TYPES: readonly ServerMessageType[] = ['completed', 'failed', 'cancelled'];

/** WebSocket close codes the server uses, so clients can tell why they were dropped. */
export const CloseCodes = {
  /** No message (not even a ping) within the idle timeout. */
  IDLE_TIMEOUT: 4000,
  /** The client sent more messages than the rate limit allows. */
  RATE_LIMITED: 4008,
  /** The server is shutting down. */
  SHUTDOWN: 1001,
  /** A frame larger than maxPayload. ws closes with this itself. */
  MESSAGE_TOO_BIG: 1009,
} as const;

/** Parse one client frame. Returns the message or a protocol error to send back. */
export function parseClientMessage(
  raw: string,
): { ok: true; message: ClientMessage } | { ok: false; code: ProtocolErrorCode; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'BAD_JSON', error: 'Message is not valid JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: 'INVALID_MESSAGE', error: 'Message must be a JSON object with a "type".' };
  }
  const type = (value as { type?: unknown }).type;
  const known = ClientMessageSchema.options.map((o) => o.shape.type.value) as string[];
  if (typeof type !== 'string' || !known.includes(type)) {
    return {
      ok: false,
      code: 'UNKNOWN_TYPE',
      error: `Unknown message type ${JSON.stringify(type)}; expected one of ${known.join(', ')}.`,
    };
  }
  const parsed = ClientMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return {
      ok: false,
      code: 'INVALID_MESSAGE',
      error: `Invalid ${type} message${where}: ${issue?.message}`,
    };
  }
  return { ok: true, message: parsed.data };
}

/** Parse one server frame, as the renderer and CLI watchers do. Throws with the reason on bad input. */
export function parseServerMessage(raw: string): ServerMessage {
  return ServerMessageSchema.parse(JSON.parse(raw));
}

/** The current time in the protocol's timestamp format. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** The batch a server message belongs to, if any. */
export function batchIdOf(message: ServerMessage): string | undefined {
  return 'batch_id' in message ? message.batch_id : undefined;
}
