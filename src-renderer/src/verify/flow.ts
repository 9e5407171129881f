/** Starting a verify job: check a folder against its ASC MHL history (or checksum files), then show its modal. */
import { errorText, wrangle } from '../api';
import { appStore } from '../store/app-store';
import { showNewJob } from '../transfer/flow';

/** Verify `root`; with `record`, add a verification generation to its history. Rejects with the engine's reason. */
export async function startVerification(root: string, record: boolean): Promise<void> {
  showNewJob(await wrangle().startVerify({ root, record }));
}

/** Start a verification from a button: a refusal becomes a toast naming the folder. */
export function verifyFolder(root: string, record = false): void {
  startVerification(root, record).catch((error: unknown) => {
    appStore.getState().pushToast({ kind: 'error', text: `Could not verify ${root}: ${errorText(error)}` });
  });
}
