/** A verify job in the progress modal: counting, byte progress, and the report (with "Record verification") once ended. */
import { useState } from 'react';
import type { VerifyResult } from '../../../src-shared/verify';
import { errorText } from '../api';
import { failedCountOf, outcomeOf } from '../jobs/outcome';
import { useResult } from '../jobs/use-result';
import { CountingCounters, RunningDetails, TransferCounters } from '../progress/JobCounters';
import { ModalActions } from '../progress/ModalActions';
import { counting, wholePercent } from '../progress/progress-labels';
import { ProgressBar } from '../progress/ProgressBar';
import { useCancel } from '../progress/use-cancel';
import { appStore } from '../store/app-store';
import { useJob } from '../store/use-job';
import { startVerification } from './flow';
import { canRecord, verifyStatusText } from './verify-labels';
import { VerifyReport } from './VerifyReport';

/** The modal's content for a verification of `root`. */
export function VerifyProgress({ batchId, root }: { batchId: string; root: string }) {
  const { listing, state, ended, snapshot, failure } = useJob(batchId);
  const anyResult = useResult(batchId, ended);
  const result: VerifyResult | null | undefined =
    anyResult === undefined ? undefined : anyResult?.kind === 'verify' ? anyResult : null;
  const failedCount = failedCountOf(listing, result);
  const outcome = outcomeOf(state, failedCount);
  const percent = wholePercent(state, snapshot);
  const isCounting = !ended && counting(snapshot);
  const cancel = useCancel(batchId);
  const [recording, setRecording] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });

  const close = (): void => appStore.getState().closeModal();
  // On success the new job's modal replaces this one, so only a refusal needs handling here.
  const record = (): void => {
    setRecording({ busy: true, error: null });
    startVerification(root, true).catch((error: unknown) =>
      setRecording({ busy: false, error: `Could not record: ${errorText(error)}` }),
    );
  };

  return (
    <>
      <ProgressBar
        variant="modal"
        percent={percent}
        label="Verify progress"
        className={`${ended ? '' : 'progress-running'} ${isCounting ? 'progress-counting' : ''} state-${outcome}`}
        valueText={isCounting ? 'Counting files' : `${percent}%`}
      />
      {!ended && (
        <>
          <p className="phase">
            {isCounting
              ? 'The percentage starts once every file to check is counted.'
              : 'Reading each file and comparing its hash with the recorded one.'}
          </p>
          {isCounting ? (
            <CountingCounters snapshot={snapshot} />
          ) : (
            <TransferCounters snapshot={snapshot} failedLabel="Problems" />
          )}
          <RunningDetails snapshot={snapshot} idle={isCounting} />
        </>
      )}

      <div className={`status status-${outcome}`} role="status" aria-live="polite">
        {verifyStatusText(state, snapshot?.phase, failure?.error, failedCount)}
      </div>

      {ended && <VerifyReport state={state} result={result} />}
      {recording.error && (
        <p className="options-problem" role="alert">
          {recording.error}
        </p>
      )}

      <ModalActions
        ended={ended}
        cancel={cancel}
        whenEnded={
          <>
            {canRecord(state, result) && (
              <button
                type="button"
                className="btn"
                onClick={record}
                disabled={recording.busy}
                title="Check again and add this verification to the folder's ASC MHL history"
              >
                {recording.busy ? 'Starting…' : 'Record verification'}
              </button>
            )}
            <button type="button" className="btn btn-primary" onClick={close}>
              Close
            </button>
          </>
        }
      />
    </>
  );
}
