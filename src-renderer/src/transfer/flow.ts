/** The steps of starting a copy or move: ask for folders, open the options dialog, start the job. */
import type { TransferRequest } from '../../../src-shared/ipc-channels';
import type { JobInfo } from '../../../src-shared/jobs';
import { errorText, wrangle } from '../api';
import type { TransferKind } from '../components/transfer-labels';
import { subscribeProgress } from '../progress-wiring';
import { appStore } from '../store/app-store';
import { transferSetup, type TransferDraft } from './setup-store';

/** Tell the user something went wrong before the dialog could open. */
function complain(text: string): void {
  appStore.getState().pushToast({ kind: 'error', text });
}

/** Ask for a destination folder for `sources`, then open the options dialog. */
export async function chooseDestination(kind: TransferKind, sources: string[]): Promise<void> {
  try {
    const destination = await wrangle().chooseFolder();
    if (destination) transferSetup.getState().open(kind, sources, destination, false);
  } catch (error) {
    complain(`Could not open the folder dialog: ${errorText(error)}`);
  }
}

/** The header's flow: ask for the source folder, then the destination, then offer Copy or Move. */
export async function chooseSourceAndDestination(): Promise<void> {
  try {
    const source = await wrangle().chooseFolder();
    if (!source) return;
    const destination = await wrangle().chooseFolder();
    if (destination) transferSetup.getState().open('copy', [source], destination, true);
  } catch (error) {
    complain(`Could not open the folder dialog: ${errorText(error)}`);
  }
}

/** Pick another destination for the open draft. */
export async function changeDestination(): Promise<void> {
  try {
    const destination = await wrangle().chooseFolder();
    if (destination) transferSetup.getState().setDestination(destination);
  } catch (error) {
    transferSetup.getState().update({ error: `Could not open the folder dialog: ${errorText(error)}` });
  }
}

/** The request a draft asks for. */
export function requestOf(draft: TransferDraft): TransferRequest {
  return {
    sources: draft.sources,
    destination: draft.destination,
    policy: draft.policy,
    verify: draft.verify,
    checksum_file: draft.verify && draft.checksumFile,
    create_parents: draft.createParents,
  };
}

/** Show a job that just started: add it to the list, follow its progress live, and open its modal. */
export function showNewJob(job: JobInfo): void {
  const store = appStore.getState();
  store.upsertJob(job);
  subscribeProgress(job.batch_id);
  store.openModal(job.batch_id);
}

/** Start the open draft's job, then show its progress modal and follow it live. */
export async function startDraft(): Promise<void> {
  const setup = transferSetup.getState();
  const draft = setup.draft;
  if (!draft || draft.starting) return;
  setup.update({ starting: true, error: null });
  try {
    const request = requestOf(draft);
    const job =
      draft.kind === 'copy' ? await wrangle().startCopy(request) : await wrangle().startMove(request);
    transferSetup.getState().close();
    showNewJob(job);
  } catch (error) {
    transferSetup
      .getState()
      .update({ starting: false, error: `Could not start the ${draft.kind}: ${errorText(error)}` });
  }
}
