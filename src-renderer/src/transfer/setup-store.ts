/** UI state of the copy/move options dialog (kept apart from the app store: nothing else reads it). */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { HashFormat } from '../../../src-shared/hash-formats';
import type { ConflictPolicy } from '../../../src-shared/jobs';
import { MAX_DESTINATIONS, type DestinationSlot } from './destinations';
import { readRememberedOptions, type RememberedOptions } from './remembered-options';
import type { TransferKind } from './transfer-labels';

/** A copy or move being set up. */
export interface TransferDraft {
  kind: TransferKind;
  /** Whether the dialog offers the Copy/Move choice (the header's "Copy or move…" flow). */
  chooseKind: boolean;
  sources: string[];
  destination: string;
  /** More destinations that get the same copies (the engine's `also`), in the order shown. */
  also: DestinationSlot[];
  policy: ConflictPolicy;
  /** Read every copy back from storage and compare it with the source's hash. */
  verify: boolean;
  /** Write an ASC MHL history into each copied folder. */
  mhl: boolean;
  /** The hash formats computed from the one read of each source (at least one). */
  hashes: HashFormat[];
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
  /** Add an empty destination row (up to MAX_DESTINATIONS in all). */
  addDestination(): void;
  /** Remove one of the added destinations. */
  removeDestination(id: string): void;
  /** Change an added destination (withdrawing its confirmation to create missing folders). */
  setExtraDestination(id: string, path: string): void;
  /** Confirm (or not) creating an added destination's missing parent folders. */
  setExtraCreateParents(id: string, createParents: boolean): void;
  close(): void;
}

/** `draft.also` with one slot changed. */
function patchSlot(draft: TransferDraft, id: string, patch: Partial<DestinationSlot>): TransferDraft {
  return { ...draft, also: draft.also.map((slot) => (slot.id === id ? { ...slot, ...patch } : slot)) };
}

/** Make a fresh setup store (tests make their own, with their own remembered choices). */
export function createTransferSetupStore(remembered: () => RememberedOptions = readRememberedOptions) {
  let nextSlot = 1;
  return createStore<TransferSetupState>()((set) => ({
    draft: null,
    open(kind, sources, destination, chooseKind) {
      const { verify, mhl, hashes, checksumFile } = remembered();
      set({
        draft: {
          kind,
          chooseKind,
          sources,
          destination,
          also: [],
          policy: 'skip',
          verify,
          mhl,
          hashes,
          checksumFile,
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
    addDestination() {
      set((state) =>
        state.draft && state.draft.also.length + 1 < MAX_DESTINATIONS
          ? {
              draft: {
                ...state.draft,
                also: [...state.draft.also, { id: `d${nextSlot++}`, path: '', createParents: false }],
              },
            }
          : state,
      );
    },
    removeDestination(id) {
      set((state) =>
        state.draft
          ? {
              draft: { ...state.draft, also: state.draft.also.filter((slot) => slot.id !== id), error: null },
            }
          : state,
      );
    },
    setExtraDestination(id, path) {
      set((state) =>
        state.draft
          ? { draft: { ...patchSlot(state.draft, id, { path, createParents: false }), error: null } }
          : state,
      );
    },
    setExtraCreateParents(id, createParents) {
      set((state) => (state.draft ? { draft: patchSlot(state.draft, id, { createParents }) } : state));
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
