/** What main asks of the window: the native menus' commands, the quit confirmation and the About panel. */
import { useCallback, useEffect, useState } from 'react';
import type { MenuCommand, StartScanOutcome } from '../../../src-shared/ipc-channels';
import { wrangle } from '../api';
import { appStore } from '../store/app-store';
import { AboutDialog } from './AboutDialog';
import { QuitDialog } from './QuitDialog';

interface DesktopDialogsProps {
  /** File > Scan Folder…: the folder chooser, then scans, as the header's button does. */
  onScanFolder(): void;
  /** File > Copy or Move…, as the header's button does. */
  onCopyOrMove(): void;
  /** Scans main started for folders given to a launch. */
  onScansStarted(outcomes: StartScanOutcome[]): void;
}

/** Subscribes to main's events for as long as the window lives, and shows the dialogs they open. */
/**
 * Main answers takeStartedScans once per page load, so the answer is kept for every mount of the listener (a
 * remount, or React's StrictMode running effects twice) and shown by the first still mounted.
 */
let launchScans: Promise<StartScanOutcome[]> | null = null;
let launchScansShown = false;

export function DesktopDialogs({ onScanFolder, onCopyOrMove, onScansStarted }: DesktopDialogsProps) {
  const [quitTransfers, setQuitTransfers] = useState<number | null>(null);
  const [aboutOpen, setAboutOpen] = useState(false);

  useEffect(() => {
    const api = wrangle();
    const onMenu = (command: MenuCommand): void => {
      if (command === 'about') setAboutOpen(true);
      else if (command === 'shortcuts') appStore.getState().showShortcuts(true);
      else if (command === 'scan-folder') onScanFolder();
      else onCopyOrMove();
    };
    const unsubscribe = [
      api.onQuitRequested((request) => setQuitTransfers(request.transfers)),
      api.onMenuCommand(onMenu),
      api.onScansStarted(onScansStarted),
    ];
    // Listening now: scans main started before (folders given to the first launch) are shown too, once.
    let live = true;
    launchScans ??= api.takeStartedScans().catch(() => []);
    void launchScans.then((outcomes) => {
      if (!live || launchScansShown) return;
      launchScansShown = true;
      if (outcomes.length > 0) onScansStarted(outcomes);
    });
    return () => {
      live = false;
      unsubscribe.forEach((stop) => stop());
    };
  }, [onScanFolder, onCopyOrMove, onScansStarted]);

  const answerQuit = useCallback((confirmed: boolean) => {
    setQuitTransfers(null);
    void wrangle()
      .answerQuit(confirmed)
      .catch(() => undefined);
  }, []);
  const closeAbout = useCallback(() => setAboutOpen(false), []);

  return (
    <>
      {aboutOpen && <AboutDialog onClose={closeAbout} />}
      {quitTransfers !== null && <QuitDialog transfers={quitTransfers} onAnswer={answerQuit} />}
    </>
  );
}
