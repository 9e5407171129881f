/** The app store's shape: one store made of slices, each owning (and alone writing) its own keys. */
import type { ConnectionSlice } from './connection-slice';
import type { JobsSlice } from './jobs-slice';
import type { LifecycleSlice } from './lifecycle-slice';
import type { ProgressSlice } from './progress-slice';
import type { ResultsSlice } from './results-slice';
import type { ThroughputSlice } from './throughput-slice';
import type { UiSlice } from './ui-slice';
import type { WatchSlice } from './watch-slice';

/** Every slice's keys and actions. */
export type AppState = JobsSlice &
  LifecycleSlice &
  ProgressSlice &
  ThroughputSlice &
  ResultsSlice &
  ConnectionSlice &
  UiSlice &
  WatchSlice;

/**
 * A slice's `set`: it takes only that slice's own keys, so the compiler refuses a slice writing another's.
 * A slice may read all of the state, and changes another slice's keys only by calling that slice's actions.
 */
export type OwnSet<Slice> = <Patch extends Partial<Slice>>(
  patch: Patch | ((state: AppState) => Patch),
  // A callback's result escapes excess-property checks: a key of another slice there asks for this argument.
  ...onlyOwnKeys: Exclude<keyof Patch, keyof Slice> extends never ? [] : [writesAnotherSlicesKeys: never]
) => void;

/** Makes one slice: its initial keys and its actions. */
export type SliceCreator<Slice> = (set: OwnSet<Slice>, get: () => AppState) => Slice;
