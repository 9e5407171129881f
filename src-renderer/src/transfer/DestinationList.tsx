/** The options dialog's destinations: the first, a copy's added ones (up to eight in all), and "Add destination". */
import { useRef } from 'react';
import { DestinationField } from './DestinationField';
import { MAX_DESTINATIONS } from './destinations';
import { changeDestination } from './flow';
import { transferSetup, type TransferDraft } from './setup-store';
import type { DestinationPreflight } from './use-destination-preflight';
import { destinationSlots, FIRST_DESTINATION } from './use-destination-preflight';

/** Every destination row, each with its own preflight (`preflights` in the same order). */
export function DestinationList({
  id,
  draft,
  preflights,
}: {
  id: string;
  draft: TransferDraft;
  preflights: DestinationPreflight[];
}) {
  const addRef = useRef<HTMLButtonElement>(null);
  const setup = transferSetup.getState();
  const slots = destinationSlots(draft);
  const full = slots.length >= MAX_DESTINATIONS;
  return (
    <>
      {slots.map((slot, index) => {
        const preflight = preflights[index];
        if (!preflight) return null;
        const first = slot.id === FIRST_DESTINATION;
        return (
          <DestinationField
            key={slot.id}
            id={`${id}-${slot.id}`}
            index={index}
            slot={slot}
            preflight={preflight}
            onPath={(path) => (first ? setup.setDestination(path) : setup.setExtraDestination(slot.id, path))}
            onCreateParents={(createParents) =>
              first ? setup.update({ createParents }) : setup.setExtraCreateParents(slot.id, createParents)
            }
            onChoose={() => void changeDestination(first ? undefined : slot.id)}
            onRemove={
              first
                ? undefined
                : () => {
                    setup.removeDestination(slot.id);
                    // The row (and its focused button) is gone: keep the keyboard user in the list.
                    window.setTimeout(() => addRef.current?.focus(), 0);
                  }
            }
          />
        );
      })}
      {draft.kind === 'copy' && (
        <div className="route-row route-add">
          <button
            ref={addRef}
            type="button"
            className="btn btn-small add-destination"
            disabled={full}
            onClick={() => setup.addDestination()}
          >
            + Add destination
          </button>
          {full && <span className="options-hint">Up to {MAX_DESTINATIONS} destinations.</span>}
        </div>
      )}
    </>
  );
}
