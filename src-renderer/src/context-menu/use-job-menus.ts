/** The jobs panel's menus: a job's folder (and a transfer's destination), scan it, forget it. */
import { isTerminal } from '../../../src-shared/jobs';
import { folderName } from '../api';
import { appStore } from '../store/app-store';
import { forgetJob } from './forget-job';
import { copyTextItem, revealItem, scanItem } from './menu-actions';
import type { MenuContent, MenuItem } from './menu-store';
import { useMenuProvider } from './providers';

/** The menu of job `batchId`'s row, from what the store knows of it. */
export function jobMenu(batchId: string): MenuContent | null {
  const state = appStore.getState();
  const job = state.jobs[batchId];
  if (!job) return null;
  const ended = isTerminal(state.states[batchId] ?? 'queued');
  const items: MenuItem[] = [revealItem(job.root), copyTextItem('Copy path', job.root)];
  if (job.destination) {
    items.push({ ...revealItem(job.destination), label: 'Reveal destination in file manager' });
    items.push(copyTextItem('Copy destination path', job.destination));
  }
  items.push(scanItem(job.root, job.kind === 'scan' ? 'Scan again' : 'Scan this folder'));
  items.push({
    label: 'Remove from history',
    run: () => forgetJob(batchId),
    disabledBecause: ended ? undefined : 'Cancel the job, or let it end, before removing it.',
  });
  return { label: `${job.kind} ${folderName(job.root)}`, items };
}

export function useJobMenus(): void {
  useMenuProvider((element) => {
    const row = element.closest<HTMLElement>('.jobs-panel [data-batch-id]');
    const batchId = row?.dataset.batchId;
    return batchId ? jobMenu(batchId) : null;
  });
}
