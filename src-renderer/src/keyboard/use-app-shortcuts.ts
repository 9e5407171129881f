/** The shortcuts the whole window answers: choose a folder, the shortcuts sheet, forget the focused job. */
import { useShortcutAction } from './actions';
import { focusedJob, forgetFocusedJob } from '../context-menu/forget-job';
import { appStore } from '../store/app-store';
import { useGlobalShortcuts } from './use-global-shortcuts';

export function useAppShortcuts(chooseFolder: () => void): void {
  useGlobalShortcuts();
  useShortcutAction('choose-folder', chooseFolder);
  useShortcutAction('help', () => appStore.getState().showShortcuts(true));
  useShortcutAction('delete-job', () => {
    // Only the job row that has the focus: a key never removes something the user is not looking at.
    if (!focusedJob()) return false;
    void forgetFocusedJob();
  });
}
