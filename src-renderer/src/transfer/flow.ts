/** The steps of starting a copy or move: ask for folders, open the options dialog, start the job. */
import { DEFAULT_HASHES } from '../../../src-shared/hash-formats';
import type { TransferRequest } from '../../../src-shared/ipc-channels';
import type { JobInfo } from '../../../src-shared/jobs';
import { errorText, wrangle } from '../api';
import { summarize } from '../jobs/message-summary';
import { subscribeProgress } from '../progress/client/progress-wiring';
import { appStore } from '../store/app-store';
import type { DestinationSlot } from './destinations';
import { rememberOptions } from './remembered-options';
import { transferSetup, type TransferDraft } from './setup-store';
import type { TransferKind } from './transfer-labels';

/** Tell the user something went wrong before the dialog could open. */
function complain(text: string): void {
  const { line, details } = summarize(text);
  appStore.getState().pushToast({ kind: 'error', text: line, ...(details !== undefined && { details }) });
}

/** Ask for a destination folder for `sources`, then open the options dialog. */
export async function chooseDestination(kind: TransferKind, sources: string[]): Promise<void> {
  try {
    const [destination] = await wrangle().choosePaths('destination');
    if (destination) transferSetup.getState().open(kind, sources, destination, false);
  } catch (error) {
    complain(`Could not open the folder dialog: ${errorText(error)}`);
  }
}

/** The header's flow: ask what to copy or move (files and folders), then where to, then offer Copy or Move. */
export async function chooseSourceAndDestination(): Promise<void> {
  try {
    const sources = await wrangle().choosePaths('sources');
    if (sources.length === 0) return;
    const [destination] = await wrangle().choosePaths('destination');
    if (destination) transferSetup.getState().open('copy', sources, destination, true);
  } catch (error) {
    complain(`Could not open the folder dialog: ${errorText(error)}`);
  }
}

/** Pick another folder for the open draft's first destination, or for the added one `id`. */
export async function changeDestination(id?: string): Promise<void> {
  try {
    const [destination] = await wrangle().choosePaths('destination');
    if (!destination) return;
    if (id === undefined) transferSetup.getState().setDestination(destination);
    else transferSetup.getState().setExtraDestination(id, destination);
  } catch (error) {
    transferSetup.getState().update({ error: `Could not open the folder dialog: ${errorText(error)}` });
  }
}

/** The request a draft asks for. Several destinations, hash formats and ASC MHL are a copy's (as in the CLI). */
export function requestOf(draft: TransferDraft): TransferRequest {
  const copy = draft.kind === 'copy';
  const also = copy ? draft.also : [];
  return {
    sources: draft.sources,
    destination: draft.destination,
    also: also.map((slot) => slot.path),
    policy: draft.policy,
    verify: draft.verify,
    hashes: copy ? draft.hashes : [...DEFAULT_HASHES],
    mhl: copy && draft.mhl,
    // The checksum file lists the hashes the copies were verified against (the CLI's --checksum-file implies --verify).
    checksum_file: draft.verify && draft.checksumFile,
    // Every destination whose missing parents matter was confirmed (Start waits for that).
    create_parents: draft.createParents || also.some((slot) => slot.createParents),
  };
}

/**
 * The request the preflight checks for one destination: the draft as if `slot` were its only destination,
 * so each field shows its own problem (and the first field never shows another's).
 */
export function checkRequestOf(
  draft: TransferDraft,
  slot: Pick<DestinationSlot, 'path' | 'createParents'>,
): TransferRequest {
  return { ...requestOf(draft), destination: slot.path, also: [], create_parents: slot.createParents };
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
    rememberOptions(draft);
    appStore.getState().recordDestinations(job.batch_id, [request.destination, ...request.also]);
    transferSetup.getState().close();
    showNewJob(job);
  } catch (error) {
    transferSetup
      .getState()
      .update({ starting: false, error: `Could not start the ${draft.kind}: ${errorText(error)}` });
  }
}
