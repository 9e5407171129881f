/** A transfer report's destinations: each with its copies, read-back, ASC MHL manifests and why it stopped. */
import { useId } from 'react';
import { countOf, formatCount } from '../../../src-shared/format';
import type { DestinationSummary, JobState, TransferResult } from '../../../src-shared/jobs';
import { ltr } from '../components/path-text';
import {
  cacheBypassText,
  copiedText,
  destinationBadge,
  destinationOutcome,
  hashesText,
  manifestsText,
} from './destination-labels';

/** Manifest paths listed per destination; the full report has them all. */
const MANIFESTS_SHOWN = 5;

/** The section; nothing for a job record from before there were per-destination summaries. */
export function DestinationReports({ result, state }: { result: TransferResult; state: JobState }) {
  const titleId = useId();
  if (result.destinations.length === 0) return null;
  return (
    <section className="destination-reports" aria-labelledby={titleId}>
      <h3 className="report-list-title report-section-title" id={titleId}>
        {result.destinations.length > 1 ? `${result.destinations.length} destinations` : 'Destination'}
        <span className="report-hashes" data-testid="report-hashes">
          {' · '}
          {hashesText(result.hashes)}
          {result.mhl ? ' · ASC MHL' : ''}
        </span>
      </h3>
      <ul role="list" aria-label="Destinations" className="destination-cards">
        {result.destinations.map((destination, index) => (
          <DestinationCard
            key={`${index}:${destination.path}`}
            destination={destination}
            index={index}
            verify={result.verify}
            mhl={result.mhl}
            state={state}
          />
        ))}
      </ul>
    </section>
  );
}

function DestinationCard({
  destination,
  index,
  verify,
  mhl,
  state,
}: {
  destination: DestinationSummary;
  index: number;
  verify: boolean;
  mhl: boolean;
  /** How the job ended: only a completed job's destinations can be "Complete". */
  state: JobState;
}) {
  const outcome = destinationOutcome(destination, state);
  const readBack = cacheBypassText(destination.cache_bypass, verify);
  const manifests = destination.mhl_manifests;
  const verified = verify || destination.verified_files > 0;
  return (
    <li
      role="listitem"
      className={`destination-card destination-${outcome}`}
      data-testid="destination-report"
      aria-label={`Destination ${index + 1}: ${destination.path}`}
    >
      <div className="destination-card-head">
        <span className="destination-path" title={destination.path} data-testid="destination-path">
          {ltr(destination.path)}
        </span>
        <span className={`destination-badge destination-${outcome}`} data-testid="destination-badge">
          {destinationBadge(destination, state)}
        </span>
      </div>
      {destination.failure && (
        <p className="destination-failure" data-testid="destination-failure">
          Stopped: {destination.failure}
        </p>
      )}
      <dl className="destination-facts">
        <div>
          <dt>Copied</dt>
          <dd data-testid="destination-copied">{copiedText(destination)}</dd>
        </div>
        <div>
          <dt>Verified</dt>
          <dd data-testid="destination-verified">
            {verified ? countOf(destination.verified_files, 'file') : 'off'}
          </dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd data-testid="destination-failed" className={destination.failed_count > 0 ? 'warn' : ''}>
            {formatCount(destination.failed_count)}
          </dd>
        </div>
        <div>
          <dt>ASC MHL</dt>
          <dd data-testid="destination-mhl">{mhl ? manifestsText(manifests.length) : 'off'}</dd>
        </div>
      </dl>
      <p
        className={`destination-readback ${readBack.caution ? 'caution' : ''}`}
        data-testid="destination-readback"
      >
        {readBack.text}
      </p>
      {manifests.length > 0 && (
        <ul role="list" aria-label="ASC MHL manifests written" className="destination-manifests">
          {manifests.slice(0, MANIFESTS_SHOWN).map((manifest) => (
            <li key={manifest} role="listitem" className="report-item-path" title={manifest}>
              {ltr(manifest)}
            </li>
          ))}
          {manifests.length > MANIFESTS_SHOWN && (
            <li role="listitem" className="report-note">
              …and {formatCount(manifests.length - MANIFESTS_SHOWN)} more in the full report.
            </li>
          )}
        </ul>
      )}
      {destination.checksum_file && (
        <p className="destination-sums">
          <span className="report-path-label">Checksum file</span>{' '}
          <span className="report-item-path" title={destination.checksum_file}>
            {ltr(destination.checksum_file)}
          </span>
        </p>
      )}
    </li>
  );
}
