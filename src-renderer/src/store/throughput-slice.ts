/** The throughput slice: each copy's, move's or verification's bounded throughput history, fed by its snapshots. */
import type { ProgressSnapshot } from '../../../src-shared/jobs';
import {
  addPoint,
  pruneHistories,
  sampleOf,
  type ThroughputHistory,
} from '../transfer/throughput/throughput-history';
import type { SliceCreator } from './app-state';

export interface ThroughputSlice {
  /** Per batch: points (fraction done, bytes a second, phase) and phase spans, from when this window joined. */
  throughput: Record<string, ThroughputHistory>;
  /** Add what a snapshot says (the progress slice calls this for every snapshot it takes). Scans add nothing. */
  recordThroughput(snapshot: ProgressSnapshot): void;
  /** Drop a job's history (a job removed from the list). */
  forgetThroughput(batchId: string): void;
}

export const createThroughputSlice: SliceCreator<ThroughputSlice> = (set, get) => ({
  throughput: {},
  recordThroughput(snapshot) {
    if (snapshot.kind === 'scan' || snapshot.kind === 'watch') return;
    const id = snapshot.batch_id;
    const current = get().throughput[id];
    const lastPhase = current?.points[current.points.length - 1]?.phase ?? null;
    const point = sampleOf(snapshot, lastPhase);
    if (!point) return;
    const next = addPoint(current, point);
    if (next === current) return;
    set((state) => {
      const all = { ...state.throughput, [id]: next };
      return { throughput: current ? all : pruneHistories(all) };
    });
  },
  forgetThroughput(batchId) {
    if (!(batchId in get().throughput)) return;
    set((state) => {
      const rest = { ...state.throughput };
      Reflect.deleteProperty(rest, batchId);
      return { throughput: rest };
    });
  },
});
