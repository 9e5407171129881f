/**
 * The renderer's one store, made of slices (see app-state.ts). Actions are callable outside React: the
 * progress client writes through them.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppState } from './app-state';
import { createConnectionSlice } from './connection-slice';
import { createJobsSlice } from './jobs-slice';
import { createLifecycleSlice } from './lifecycle-slice';
import { createProgressSlice } from './progress-slice';
import { createResultsSlice } from './results-slice';
import { createThroughputSlice } from './throughput-slice';
import { createUiSlice } from './ui-slice';
import { createWatchSlice } from './watch-slice';

export type { AppState } from './app-state';
export type { ConnectionState } from './connection-slice';
export type { Toast } from './ui-slice';

/** Make a fresh store (tests make their own; the app uses `appStore`). */
export function createAppStore() {
  return createStore<AppState>()((set, get) => ({
    ...createJobsSlice(set, get),
    ...createLifecycleSlice(set, get),
    ...createProgressSlice(set, get),
    ...createThroughputSlice(set, get),
    ...createResultsSlice(set, get),
    ...createConnectionSlice(set, get),
    ...createUiSlice(set, get),
    ...createWatchSlice(set, get),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

/** The app's store. */
export const appStore: AppStore = createAppStore();

/** Read the app store in React with a narrow selector, so a component re-renders only when its slice changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
