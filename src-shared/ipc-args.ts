/**
 * The one check on IPC arguments, built from the table: main runs it before every handler (so does the e2e
 * bridge, by calling the same function). It needs zod, so the preload never imports it.
 */
import { z } from 'zod';
import { IpcArgShapes, type IpcArgShape } from './ipc-arg-shapes';
import {
  ipcMethods,
  wrangleIpc,
  type IpcArgs,
  type IpcHandlers,
  type IpcMethod,
  type IpcResult,
} from './ipc-channels';

function tupleOf(names: readonly IpcArgShape[]): z.ZodType<unknown[]> {
  const [first, ...rest] = names.map((name) => IpcArgShapes[name]);
  return first ? z.tuple([first, ...rest]) : z.tuple([]);
}

/** Each method's argument tuple as a schema: exactly these arguments, nothing more. */
const argSchemas = Object.fromEntries(
  ipcMethods.map((method) => [method, tupleOf(wrangleIpc[method].args)]),
) as Record<IpcMethod, z.ZodType<unknown[]>>;

/** The arguments of a call to `method`, validated; anything else is refused, naming the channel. */
export function parseIpcArgs<M extends IpcMethod>(method: M, raw: unknown): IpcArgs<M> {
  const parsed = argSchemas[method].safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'bad arguments';
    throw new Error(`IPC ${wrangleIpc[method].channel} refused: ${reason}.`);
  }
  // The schema is built from the same row of the table as the IpcArgs type.
  return parsed.data as IpcArgs<M>;
}

/** Validate a call's arguments, then run the method's handler with them. */
export function callIpcHandler<M extends IpcMethod>(
  handlers: IpcHandlers,
  method: M,
  raw: unknown,
): IpcResult<M> | Promise<IpcResult<M>> {
  const args = parseIpcArgs(method, raw);
  const handler: IpcHandlers[M] = handlers[method];
  return handler(...args);
}
