/** Scanning a folder again: a new scan job of the same root, shown as any new scan is (its modal opens). */
import { errorText, wrangle } from '../api';
import { subscribeProgress } from '../progress/client/progress-wiring';
import { appStore } from '../store/app-store';

/** Start a new scan of `root`; a refusal (the folder moved away, say) or an error becomes an error toast. */
export async function rescan(root: string): Promise<void> {
  const store = appStore.getState();
  try {
    const [outcome] = await wrangle().startScan([root]);
    if (outcome?.ok) {
      store.upsertJob(outcome.job);
      subscribeProgress(outcome.job.batch_id);
      store.openModal(outcome.job.batch_id);
    } else {
      store.pushToast({ kind: 'error', text: `Could not rescan ${root}: ${outcome?.error ?? 'no answer'}` });
    }
  } catch (error) {
    store.pushToast({ kind: 'error', text: `Could not rescan ${root}: ${errorText(error)}` });
  }
}
