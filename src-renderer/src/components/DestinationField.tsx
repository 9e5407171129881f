/** The options dialog's destination: a path field (checked as you type), Change…, the problem, free space. */
import type { DestinationPreflight } from '../hooks/use-destination-preflight';
import { changeDestination } from '../transfer/flow';
import { createFoldersLabel } from '../transfer/check-labels';
import { transferSetup, type TransferDraft } from '../transfer/setup-store';

/** The "To" row and what the preflight says about it; `id` prefixes the ids it links with aria-describedby. */
export function DestinationField({
  id,
  draft,
  preflight,
}: {
  id: string;
  draft: TransferDraft;
  preflight: DestinationPreflight;
}) {
  const { problem, missing, freeSpace, note } = preflight;
  // Free space and "will be created" only matter once nothing is wrong.
  const hint = problem ? '' : [note, freeSpace].filter(Boolean).join(' ');
  const described = [problem ? `${id}-problem` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <>
      <div className="route-row">
        <label className="route-label" htmlFor={`${id}-input`}>
          To<span className="sr-only"> destination folder</span>
        </label>
        <input
          id={`${id}-input`}
          className="route-input"
          type="text"
          value={draft.destination}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby={described || undefined}
          onChange={(event) => transferSetup.getState().setDestination(event.target.value)}
        />
        <button type="button" className="btn btn-small" onClick={() => void changeDestination()}>
          Change…
        </button>
      </div>
      {(problem || missing || hint) && (
        <div className="destination-notes">
          {problem && (
            <p
              className="options-problem"
              role="alert"
              id={`${id}-problem`}
              data-testid="destination-problem"
            >
              {problem}
            </p>
          )}
          {missing && (
            <label className="choice">
              <input
                type="checkbox"
                checked={draft.createParents}
                onChange={(event) => transferSetup.getState().update({ createParents: event.target.checked })}
              />
              <span className="choice-text">
                <span className="choice-label">{createFoldersLabel(missing, draft.destination)}</span>
              </span>
            </label>
          )}
          {hint && (
            <p className="options-hint" id={`${id}-hint`} data-testid="destination-hint">
              {hint}
            </p>
          )}
        </div>
      )}
    </>
  );
}
