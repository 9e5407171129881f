/** Every destination of a copy or move, for its row and its modal. */
import type { JobResult } from '../../../src-shared/jobs';
import { useApp } from '../store/app-store';

/** A job's destinations: from its result when it has them, else as recorded when it started; [] if unknown. */
export function useJobDestinations(batchId: string, result: JobResult | null | undefined): readonly string[] {
  const recorded = useApp((state) => state.destinations[batchId]);
  if (result && result.kind !== 'scan' && 'destinations' in result && result.destinations.length > 0)
    return result.destinations.map((destination) => destination.path);
  return recorded ?? [];
}
