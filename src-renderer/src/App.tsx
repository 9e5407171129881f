/**
 * The app shell: header, jobs panel, results, the progress modal, toasts, the drop overlay, main's dialogs, the
 * keyboard shortcuts (and their sheet) and the context menu.
 */
import { useCallback, useEffect } from 'react';
import { isTerminal } from '../../src-shared/jobs';
import { wrangle } from './api';
import { ContextMenu } from './context-menu/ContextMenu';
import { useContextMenus } from './context-menu/use-context-menus';
import { useJobMenus } from './context-menu/use-job-menus';
import { ShortcutsSheet } from './keyboard/ShortcutsSheet';
import { useAppShortcuts } from './keyboard/use-app-shortcuts';
import { DropOverlay } from './components/DropOverlay';
import { Header } from './components/Header';
import { Toasts } from './components/Toasts';
import { DesktopDialogs } from './desktop/DesktopDialogs';
import { useFolderDrop } from './hooks/use-folder-drop';
import { JobsPanel } from './jobs/JobsPanel';
import { useJobNotifications } from './jobs/use-job-notifications';
import { connectProgress, subscribeProgress } from './progress/client/progress-wiring';
import { ProgressModal } from './progress/ProgressModal';
import { Alerts } from './scan/Alerts';
import { ResultsView } from './scan/ResultsView';
import { useScanStarter } from './scan/use-scan-starter';
import { appStore, useApp } from './store/app-store';
import { chooseSourceAndDestination } from './transfer/flow';
import { TransferOptionsDialog } from './transfer/TransferOptionsDialog';

/** Load past and running jobs, and follow the running ones live. */
function useBootstrap(): void {
  useEffect(() => {
    connectProgress();
    let live = true;
    void wrangle()
      .listJobs()
      .then((jobs) => {
        if (!live) return;
        appStore.getState().setJobs(jobs);
        for (const job of jobs) if (!isTerminal(job.state)) subscribeProgress(job.batch_id);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
}

/** The whole window. */
export function App() {
  const { startScans, showOutcomes, chooseAndScan, alerts, dismissAlert } = useScanStarter();
  const scanFolder = useCallback(() => void chooseAndScan(), [chooseAndScan]);
  const copyOrMove = useCallback(() => void chooseSourceAndDestination(), []);
  const dragging = useFolderDrop((paths) => void startScans(paths));
  useBootstrap();
  useJobNotifications();
  useAppShortcuts(scanFolder);
  useContextMenus();
  useJobMenus();
  const shortcutsOpen = useApp((s) => s.shortcutsOpen);
  const showShortcuts = useCallback(() => appStore.getState().showShortcuts(true), []);
  const hideShortcuts = useCallback(() => appStore.getState().showShortcuts(false), []);

  return (
    <div className="app">
      <Header onChooseFolder={scanFolder} onCopyOrMove={copyOrMove} onShowShortcuts={showShortcuts} />
      <div className="app-body">
        <JobsPanel />
        <main className="main-area">
          <ResultsView />
          {/* Drawn fixed over everything; inside main so its content is in a landmark. */}
          <ContextMenu />
        </main>
      </div>
      <Alerts alerts={alerts} onDismiss={dismissAlert} />
      <ProgressModal />
      <TransferOptionsDialog />
      <Toasts />
      <DropOverlay visible={dragging} />
      {shortcutsOpen && <ShortcutsSheet onClose={hideShortcuts} />}
      <DesktopDialogs onScanFolder={scanFolder} onCopyOrMove={copyOrMove} onScansStarted={showOutcomes} />
    </div>
  );
}
