/** "to 2 destinations" in a transfer's modal, with every destination in a tooltip (nothing for one). */
import type { TransferResult } from '../../../src-shared/jobs';
import { destinationCountText } from './destinations';
import { useJobDestinations } from './use-job-destinations';

/** The line, when the job copies to more than one place. */
export function DestinationCount({
  batchId,
  result,
}: {
  batchId: string;
  result: TransferResult | null | undefined;
}) {
  const destinations = useJobDestinations(batchId, result);
  const text = destinationCountText(destinations.length);
  if (!text) return null;
  return (
    <p className="destination-count" data-testid="destination-count" title={destinations.join('\n')}>
      {text}
      <span className="sr-only">: {destinations.join(', ')}</span>
    </p>
  );
}
