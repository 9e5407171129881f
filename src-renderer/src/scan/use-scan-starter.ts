/** Starting scans from dropped or chosen folders, and the alerts for paths that cannot be scanned. */
import { useCallback, useState } from 'react';
import type { StartScanOutcome } from '../../../src-shared/ipc-channels';
import { errorText, wrangle } from '../api';
import { subscribeProgress } from '../progress/client/progress-wiring';
import { appStore } from '../store/app-store';

/** A path the server refused, with its reason. */
export interface ScanAlert {
  id: number;
  path: string;
  error: string;
}

let nextAlertId = 1;

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
      for (const outcome of outcomes) {
        if (outcome.ok) {
          store.upsertJob(outcome.job);
          subscribeProgress(outcome.job.batch_id);
          first ??= outcome.job.batch_id;
        } else {
          refused.push({ path: outcome.path, error: outcome.error });
        }
      }
      if (first) store.openModal(first);
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
      const path = await wrangle().chooseFolder();
      if (path) await startScans([path]);
    } catch (error) {
      addAlerts([{ path: '', error: `Could not open the folder dialog: ${errorText(error)}` }]);
    }
  }, [addAlerts, startScans]);

  const dismissAlert = useCallback((id: number) => setAlerts((list) => list.filter((a) => a.id !== id)), []);
  return { startScans, showOutcomes, chooseAndScan, alerts, dismissAlert };
}
