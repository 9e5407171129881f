/** What the options dialog shows about its destination: the engine's refusal, the missing folders, free space. */
import { useState } from 'react';
import { requestOf } from '../transfer/flow';
import { destinationNote, emptyDestinationText, freeSpaceText, refusalText } from '../transfer/check-labels';
import type { TransferDraft } from '../transfer/setup-store';
import { useTransferCheck } from './use-transfer-check';

/** The preflight of a draft, in the dialog's terms. */
export interface DestinationPreflight {
  /** Why Start cannot go ahead (names the path), or null. */
  problem: string | null;
  /** The first missing folder, when creating the missing folders can be confirmed for this destination. */
  missing: string | null;
  /** "1.2 TB free on the destination". */
  freeSpace: string | null;
  /** "The folder … will be created." */
  note: string | null;
  /** True while the current request has no answer yet. */
  pending: boolean;
}

/**
 * Check the draft as it is typed. A missing parent is remembered for its destination, so the "Create the
 * missing folders" box stays (ticked) once the engine accepts the request with create_parents.
 */
export function useDestinationPreflight(draft: TransferDraft): DestinationPreflight {
  const empty = emptyDestinationText(draft.destination);
  const { check, pending } = useTransferCheck(draft.kind, empty ? null : requestOf(draft));
  const refusal = check && !check.ok ? check : null;
  const [confirmable, setConfirmable] = useState<{ destination: string; missing: string } | null>(null);
  const missingNow =
    !pending && refusal?.code === 'DESTINATION_PARENT_MISSING' ? (refusal.missing ?? refusal.path) : null;
  if (missingNow && (confirmable?.destination !== draft.destination || confirmable.missing !== missingNow)) {
    // Derived from the latest answer while rendering (React's pattern for state that follows props).
    setConfirmable({ destination: draft.destination, missing: missingNow });
  }
  const missing = confirmable?.destination === draft.destination ? confirmable.missing : null;
  return {
    problem: empty ?? (refusal ? refusalText(refusal) : null),
    missing,
    freeSpace: empty ? null : freeSpaceText(check),
    note: empty ? null : destinationNote(check, draft.destination),
    pending: !empty && pending,
  };
}
