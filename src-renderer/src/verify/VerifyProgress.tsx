/** A verify job in the progress modal: counting, byte progress, and the report (with "Record verification") once ended. */
import { useState } from 'react';
import { isTerminal } from '../../../src-shared/jobs';
import type { VerifyResult } from '../../../src-shared/verify';
import { errorText, wrangle } from '../api';
import { useResult } from '../hooks/use-result';
import { appStore, useApp } from '../store/app-store';
import { startVerification } from '../verify/flow';
import { CountingCounters, RunningDetails, TransferCounters } from './JobCounters';
import { ProgressBar } from './ProgressBar';
import { counting, effectiveState, wholePercent } from './job-labels';
import { failedCountOf, outcomeOf } from './outcome';
import { canRecord, verifyStatusText } from './verify-labels';
import { VerifyReport } from './VerifyReport';
import { ModalActions } from './ModalActions';

/** The modal's content for a verification of `root`. */
export function VerifyContent({ batchId, root }: { batchId: string; root: string }) {
  const job = useApp((s) => s.jobs[batchId]);
  const snapshot = useApp((s) => s.snapshots[batchId]);
  const failure = useApp((s) => s.failures[batchId]);
  const state = effectiveState(job, snapshot);
  const ended = isTerminal(state);
  const anyResult = useResult(batchId, ended);
  const result: VerifyResult | null | undefined =
    anyResult === undefined ? undefined : anyResult?.kind === 'verify' ? anyResult : null;
  const failedCount = failedCountOf(job, result);
  const outcome = outcomeOf(state, failedCount);
  const percent = wholePercent(state, snapshot);
  const isCounting = !ended && counting(snapshot);
  const [cancelling, setCancelling] = useState(false);
  const [recording, setRecording] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });

  const cancel = (): void => {
    setCancelling(true);
    void wrangle()
      .cancel(batchId)
      .catch(() => setCancelling(false));
  };
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
        {verifyStatusText(state, snapshot?.phase, failure?.error ?? job?.failure?.error, failedCount)}
      </div>

      {ended && <VerifyReport state={state} result={result} />}
      {recording.error && (
        <p className="options-problem" role="alert">
          {recording.error}
        </p>
      )}

      <ModalActions
        ended={ended}
        onBackground={close}
        onCancel={cancel}
        cancelling={cancelling}
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
