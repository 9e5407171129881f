/** Starting scans from dropped or chosen folders, and the alerts for paths that cannot be scanned. */
import { useCallback, useState } from 'react';
import type { StartScanOutcome } from '../../../src-shared/ipc-channels';
import { errorText, folderName, wrangle } from '../api';
import { subscribeProgress } from '../progress/client/progress-wiring';
import { appStore } from '../store/app-store';

/** A path the server refused, with its reason; or dropped files, which are offered a copy or move instead. */
export interface ScanAlert {
  id: number;
  path: string;
  error: string;
  /** Files among the dropped paths (not scanned): the alert offers "Copy to…" and "Move to…" for them. */
  files?: string[];
}

let nextAlertId = 1;

/** What the alert for dropped files says: they are not scanned, and may be copied or moved. */
export function droppedFilesText(files: readonly string[]): string {
  const names = files.map(folderName);
  const shown =
    names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  return files.length === 1
    ? `${shown} is a file: only folders are scanned. Copy or move it?`
    : `${shown} are files: only folders are scanned. Copy or move them?`;
}

/** Start scans (one startScan call per gesture), open the first job's modal and collect refusals as alerts. */
export function useScanStarter(): {
  startScans(paths: string[]): Promise<void>;
  /** Show scans started elsewhere (by main, for folders given to a second launch) as if started here. */
  showOutcomes(outcomes: StartScanOutcome[]): void;
  chooseAndScan(): Promise<void>;
  alerts: ScanAlert[];
  dismissAlert(id: number): void;
} {
  const [alerts, setAlerts] = useState<ScanAlert[]>([]);
  const addAlerts = useCallback((items: Omit<ScanAlert, 'id'>[]) => {
    if (items.length > 0)
      setAlerts((list) => [...list, ...items.map((item) => ({ ...item, id: nextAlertId++ }))]);
  }, []);

  const showOutcomes = useCallback(
    (outcomes: StartScanOutcome[]) => {
      const store = appStore.getState();
      let first: string | null = null;
      const refused: Omit<ScanAlert, 'id'>[] = [];
      const files: string[] = [];
      for (const outcome of outcomes) {
        if (outcome.ok) {
          store.upsertJob(outcome.job);
          subscribeProgress(outcome.job.batch_id);
          first ??= outcome.job.batch_id;
        } else if (outcome.code === 'NOT_A_DIRECTORY') {
          files.push(outcome.path);
        } else {
          refused.push({ path: outcome.path, error: outcome.error });
        }
      }
      if (first) store.openModal(first);
      if (files.length > 0) refused.push({ path: files.join(', '), error: droppedFilesText(files), files });
      addAlerts(refused);
    },
    [addAlerts],
  );

  const startScans = useCallback(
    async (paths: string[]) => {
      if (paths.length === 0) {
        addAlerts([{ path: '', error: 'Nothing to scan: drop folders from your file manager.' }]);
        return;
      }
      try {
        showOutcomes(await wrangle().startScan(paths));
      } catch (error) {
        addAlerts([{ path: paths.join(', '), error: `Could not start the scan: ${errorText(error)}` }]);
      }
    },
    [addAlerts, showOutcomes],
  );

  const chooseAndScan = useCallback(async () => {
    try {
      const [path] = await wrangle().choosePaths('scan');
      if (path) await startScans([path]);
    } catch (error) {
      addAlerts([{ path: '', error: `Could not open the folder dialog: ${errorText(error)}` }]);
    }
  }, [addAlerts, startScans]);

  const dismissAlert = useCallback((id: number) => setAlerts((list) => list.filter((a) => a.id !== id)), []);
  return { startScans, showOutcomes, chooseAndScan, alerts, dismissAlert };
}
