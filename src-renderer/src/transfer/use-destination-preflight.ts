/** What the options dialog shows about each destination: the engine's refusal, a repeat, missing folders, free space. */
import { useState } from 'react';
import { destinationNote, emptyDestinationText, freeSpaceText, refusalText } from './check-labels';
import { repeatedDestinations, repeatedText, rowOfPath, type DestinationSlot } from './destinations';
import { checkRequestOf, requestOf } from './flow';
import type { TransferDraft } from './setup-store';
import { useTransferChecks } from './use-transfer-check';

/** The preflight of one destination, in the dialog's terms. */
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

/** The id of the first destination's row (the added ones have their own). */
export const FIRST_DESTINATION = 'first';
/** The id of the check of the whole request (every destination at once). */
const ALL_DESTINATIONS = 'all';

/** Every destination of a draft as rows: the first, then the added ones (a copy's; a move has one). */
export function destinationSlots(draft: TransferDraft): DestinationSlot[] {
  const first = { id: FIRST_DESTINATION, path: draft.destination, createParents: draft.createParents };
  return draft.kind === 'copy' ? [first, ...draft.also] : [first];
}

/**
 * Check every destination of the draft as it is typed, each on its own. A missing parent is remembered for
 * its destination, so the "Create the missing folders" box stays (ticked) once the engine accepts the
 * request with create_parents. A folder typed twice is refused on its second row, naming it. With several
 * destinations the whole request is checked too: what only shows with all of them (the same folder reached
 * through two paths, say) is shown on the row it names, once every row passes on its own.
 */
export function useDestinationsPreflight(draft: TransferDraft): DestinationPreflight[] {
  const slots = destinationSlots(draft);
  const empties = slots.map((slot) => emptyDestinationText(slot.path));
  const repeats = repeatedDestinations(slots.map((slot) => slot.path));
  const rowsCheckable = empties.every((empty) => !empty) && repeats.every((repeat) => repeat === null);
  const [whole, ...checks] = useTransferChecks(draft.kind, [
    { id: ALL_DESTINATIONS, request: slots.length > 1 && rowsCheckable ? requestOf(draft) : null },
    ...slots.map((slot, index) => ({
      id: slot.id,
      request: empties[index] || repeats[index] ? null : checkRequestOf(draft, slot),
    })),
  ]);
  const rowsPass = checks.every(({ check, pending }) => !pending && check?.ok);
  const wholeRefusal =
    rowsPass && whole && !whole.pending && whole.check && !whole.check.ok ? whole.check : null;
  const wholeRow = wholeRefusal
    ? rowOfPath(
        slots.map((slot) => slot.path),
        wholeRefusal.path,
      )
    : -1;
  const [confirmable, setConfirmable] = useState<Record<string, { destination: string; missing: string }>>(
    {},
  );
  const found: Record<string, { destination: string; missing: string }> = {};
  slots.forEach((slot, index) => {
    const { check, pending } = checks[index] ?? { check: null, pending: true };
    const refusal = check && !check.ok ? check : null;
    if (pending || refusal?.code !== 'DESTINATION_PARENT_MISSING') return;
    const missing = refusal.missing ?? refusal.path;
    const known = confirmable[slot.id];
    if (known?.destination !== slot.path || known.missing !== missing)
      found[slot.id] = { destination: slot.path, missing };
  });
  // Derived from the latest answers while rendering (React's pattern for state that follows props).
  if (Object.keys(found).length > 0) setConfirmable({ ...confirmable, ...found });

  return slots.map((slot, index) => {
    const empty = empties[index] ?? null;
    const repeat = repeats[index] ?? null;
    const { check, pending } = checks[index] ?? { check: null, pending: false };
    if (empty || repeat !== null)
      return {
        problem: empty ?? repeatedText(slot.path, repeat ?? 0),
        missing: null,
        freeSpace: null,
        note: null,
        pending: false,
      };
    const refusal = check && !check.ok ? check : index === wholeRow ? wholeRefusal : null;
    const known = confirmable[slot.id];
    return {
      problem: refusal ? refusalText(refusal) : null,
      missing: known?.destination === slot.path ? known.missing : null,
      freeSpace: freeSpaceText(check),
      note: destinationNote(check, slot.path),
      // Start also waits for the check of the whole request.
      pending: pending || (index === slots.length - 1 && !!whole?.pending),
    };
  });
}
