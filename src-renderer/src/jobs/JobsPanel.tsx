/** The jobs panel: every queued, running and finished job, newest first, each reopenable. */
import { useMemo } from 'react';
import { ScanJobRow } from '../scan/ScanJobRow';
import { useApp } from '../store/app-store';
import { TransferJobRow } from '../transfer/TransferJobRow';
import { VerifyJobRow } from '../verify/VerifyJobRow';

/** One job's row, drawn by its kind. */
function JobRow({ batchId }: { batchId: string }) {
  const kind = useApp((s) => s.jobs[batchId]?.kind);
  if (kind === 'scan') return <ScanJobRow batchId={batchId} />;
  if (kind === 'verify') return <VerifyJobRow batchId={batchId} />;
  if (kind === 'copy' || kind === 'move') return <TransferJobRow batchId={batchId} kind={kind} />;
  return null;
}

/** The list of jobs, newest first. */
export function JobsPanel() {
  const all = useApp((s) => s.jobOrder);
  const jobs = useApp((s) => s.jobs);
  // A watch is shown by the results it keeps live, not as a job of its own.
  const order = useMemo(() => all.filter((id) => jobs[id]?.kind !== 'watch'), [all, jobs]);
  return (
    <aside className="jobs-panel">
      <h2 className="panel-title">
        Jobs <span className="panel-count">{order.length > 0 ? order.length : ''}</span>
      </h2>
      <ul role="list" aria-label="Jobs" className="jobs-list">
        {order.map((id) => (
          <JobRow key={id} batchId={id} />
        ))}
      </ul>
      {order.length === 0 && <p className="panel-empty">No jobs yet. Drop a folder to scan it.</p>}
    </aside>
  );
}
