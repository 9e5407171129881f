/** The progress modal for `modalBatch`: title, route and connection; the job's kind fills in the rest. */
import { useEffect } from 'react';
import { folderName, wrangle } from '../api';
import { useDialogFocus } from '../hooks/use-dialog-focus';
import { ScanProgress } from '../scan/ScanProgress';
import { appStore, useApp } from '../store/app-store';
import { useJob } from '../store/use-job';
import { transferTitle } from '../transfer/transfer-labels';
import { TransferProgress } from '../transfer/TransferProgress';
import { verifyTitle } from '../verify/verify-labels';
import { VerifyProgress } from '../verify/VerifyProgress';
import { ConnectionIndicator } from './ConnectionIndicator';

/** The modal, when one is open. */
export function ProgressModal() {
  const batchId = useApp((s) => s.modalBatch);
  if (!batchId) return null;
  return <ModalBody key={batchId} batchId={batchId} />;
}

function ModalBody({ batchId }: { batchId: string }) {
  const { listing, kind, root, state, ended, snapshot } = useJob(batchId);
  const { ref: dialogRef, onKeyDown: trapTab } = useDialogFocus<HTMLDivElement>();
  const name = folderName(root);
  const title =
    kind === 'scan'
      ? `Scanning ${name}`
      : kind === 'verify'
        ? verifyTitle(name)
        : kind === 'watch'
          ? `Watching ${name}`
          : transferTitle(kind, name);
  const destination = listing?.destination ?? null;

  // A job from history may have no snapshot yet: fetch the latest once.
  const hasSnapshot = snapshot !== undefined;
  useEffect(() => {
    if (hasSnapshot) return;
    void wrangle()
      .getSnapshot(batchId)
      .then((snap) => {
        if (snap) appStore.getState().applySnapshot(snap);
      })
      .catch(() => undefined);
  }, [batchId, hasSnapshot]);

  // Esc closes, but only once the job has ended.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape' && ended) {
        event.preventDefault();
        appStore.getState().closeModal();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [ended]);

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className={`modal state-${state} ${kind === 'scan' ? '' : 'modal-transfer'}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onKeyDown={trapTab}
      >
        <div className="modal-head">
          <div className="modal-titles">
            <h2 className="modal-title">{title}</h2>
            <p className="modal-root" title={destination ? `${root} → ${destination}` : root}>
              {root}
              {destination && (
                <>
                  <span className="route-arrow" aria-hidden="true">
                    {' → '}
                  </span>
                  <span className="sr-only"> to </span>
                  {destination}
                </>
              )}
            </p>
          </div>
          <ConnectionIndicator />
        </div>
        {kind === 'scan' ? (
          <ScanProgress batchId={batchId} />
        ) : kind === 'verify' ? (
          <VerifyProgress batchId={batchId} root={root} />
        ) : kind === 'watch' ? null : (
          <TransferProgress batchId={batchId} kind={kind} />
        )}
      </div>
    </div>
  );
}
