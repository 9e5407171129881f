/** One destination row of the options dialog: a path field (checked as you type), Change…, its problem, free space. */
import { createFoldersLabel } from './check-labels';
import type { DestinationSlot } from './destinations';
import type { DestinationPreflight } from './use-destination-preflight';

interface DestinationFieldProps {
  /** Prefix of the ids it links with aria-describedby. */
  id: string;
  /** 0 for the first destination ("To"), 1… for the added ones ("Also"). */
  index: number;
  slot: DestinationSlot;
  preflight: DestinationPreflight;
  onPath(path: string): void;
  onCreateParents(createParents: boolean): void;
  onChoose(): void;
  /** Offered for the added destinations only. */
  onRemove?: () => void;
}

/** A destination row and what the preflight says about it. */
export function DestinationField({
  id,
  index,
  slot,
  preflight,
  onPath,
  onCreateParents,
  onChoose,
  onRemove,
}: DestinationFieldProps) {
  const { problem, missing, freeSpace, note } = preflight;
  const first = index === 0;
  // Free space and "will be created" only matter once nothing is wrong.
  const hint = problem ? '' : [note, freeSpace].filter(Boolean).join(' ');
  const described = [problem ? `${id}-problem` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className="destination" data-testid="destination">
      <div className="route-row">
        <label className="route-label" htmlFor={`${id}-input`}>
          {first ? (
            <>
              To<span className="sr-only"> destination folder</span>
            </>
          ) : (
            <>
              Also<span className="sr-only"> to, destination {index + 1}</span>
            </>
          )}
        </label>
        <input
          id={`${id}-input`}
          className="route-input"
          type="text"
          value={slot.path}
          spellCheck={false}
          autoComplete="off"
          // An added row is empty: the caret goes there, as the user asked for it.
          autoFocus={!first && slot.path === ''}
          aria-invalid={problem !== null}
          aria-describedby={described || undefined}
          onChange={(event) => onPath(event.target.value)}
        />
        <button
          type="button"
          className="btn btn-small"
          aria-label={first ? undefined : `Change destination ${index + 1}`}
          onClick={onChoose}
        >
          Change…
        </button>
        {onRemove && (
          <button
            type="button"
            className="icon-btn close-btn remove-destination"
            aria-label={`Remove destination ${index + 1}`}
            title="Remove this destination"
            onClick={onRemove}
          />
        )}
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
                checked={slot.createParents}
                onChange={(event) => onCreateParents(event.target.checked)}
              />
              <span className="choice-text">
                <span className="choice-label">{createFoldersLabel(missing, slot.path)}</span>
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
    </div>
  );
}
