/** The connection slice: how progress reaches the window right now. */
import type { SliceCreator } from './app-state';

/** The connection indicator's three states. */
export type ConnectionState = 'connecting' | 'live' | 'polling';

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnection(state: ConnectionState): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set, get) => ({
  connection: 'connecting',
  setConnection(connection) {
    if (get().connection !== connection) set({ connection });
  },
});
