/** UI state of the copy/move options dialog (kept apart from the app store: nothing else reads it). */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ConflictPolicy } from '../../../src-shared/jobs';
import type { TransferKind } from '../components/transfer-labels';

/** A copy or move being set up. */
export interface TransferDraft {
  kind: TransferKind;
  /** Whether the dialog offers the Copy/Move choice (the header's "Copy or move…" flow). */
  chooseKind: boolean;
  sources: string[];
  destination: string;
  policy: ConflictPolicy;
  verify: boolean;
  checksumFile: boolean;
  /** The user confirmed creating the destination's missing parent folders (reset when the destination changes). */
  createParents: boolean;
  /** Why the last Start failed, shown in the dialog. */
  error: string | null;
  starting: boolean;
}

export interface TransferSetupState {
  draft: TransferDraft | null;
  /** Open the dialog for sources → destination. */
  open(kind: TransferKind, sources: string[], destination: string, chooseKind: boolean): void;
  /** Change some fields of the open draft. */
  update(patch: Partial<TransferDraft>): void;
  /** Point the draft at another destination; a confirmation to create missing folders was for the old one. */
  setDestination(destination: string): void;
  close(): void;
}

/** Make a fresh setup store (tests make their own). */
export function createTransferSetupStore() {
  return createStore<TransferSetupState>()((set) => ({
    draft: null,
    open(kind, sources, destination, chooseKind) {
      set({
        draft: {
          kind,
          chooseKind,
          sources,
          destination,
          policy: 'skip',
          verify: false,
          checksumFile: false,
          createParents: false,
          error: null,
          starting: false,
        },
      });
    },
    update(patch) {
      set((state) => (state.draft ? { draft: { ...state.draft, ...patch } } : state));
    },
    setDestination(destination) {
      set((state) =>
        state.draft ? { draft: { ...state.draft, destination, createParents: false, error: null } } : state,
      );
    },
    close() {
      set({ draft: null });
    },
  }));
}

/** The app's transfer setup store. */
export const transferSetup = createTransferSetupStore();

/** Read the setup store in React with a narrow selector. */
export function useTransferSetup<T>(selector: (state: TransferSetupState) => T): T {
  return useStore(transferSetup, selector);
}
