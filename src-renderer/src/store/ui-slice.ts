/** The UI slice: which job's modal and results are open, the shortcuts sheet, and the toasts in the corner. */
import type { SliceCreator } from './app-state';

/** A short message in the corner. */
export interface Toast {
  id: number;
  /** 'warning': amber, for a job that completed with failures. */
  kind: 'success' | 'warning' | 'error' | 'info';
  /** One line; the whole message, when longer, goes in `details`. */
  text: string;
  /** The full message, shown under "Details". */
  details?: string;
  batch_id?: string;
}

export interface UiSlice {
  /** The job whose progress modal is open. */
  modalBatch: string | null;
  openModal(batchId: string): void;
  closeModal(): void;
  /** The job whose results are shown in the main area. */
  resultsBatch: string | null;
  openResults(batchId: string | null): void;
  /** The Keyboard shortcuts sheet is open. */
  shortcutsOpen: boolean;
  showShortcuts(open: boolean): void;
  toasts: Toast[];
  pushToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => {
  let nextToastId = 1;
  return {
    modalBatch: null,
    openModal(batchId) {
      set({ modalBatch: batchId });
    },
    closeModal() {
      set({ modalBatch: null });
    },
    resultsBatch: null,
    openResults(batchId) {
      set({ resultsBatch: batchId });
    },
    shortcutsOpen: false,
    showShortcuts(open) {
      set({ shortcutsOpen: open });
    },
    toasts: [],
    pushToast(toast) {
      set((state) => ({ toasts: [...state.toasts, { ...toast, id: nextToastId++ }] }));
    },
    dismissToast(id) {
      set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
    },
  };
};
