/** The copy/move options dialog: kind (when asked), folders, conflict policy, integrity choices, Start and Cancel. */
import { useEffect, useId } from 'react';
import { folderName } from '../api';
import { ltr } from '../components/path-text';
import { useDialogFocus } from '../hooks/use-dialog-focus';
import { DestinationList } from './DestinationList';
import { startDraft } from './flow';
import { IntegrityOptions } from './IntegrityOptions';
import { transferSetup, useTransferSetup, type TransferDraft } from './setup-store';
import { POLICY_CHOICES } from './transfer-labels';
import { useDestinationsPreflight } from './use-destination-preflight';

/** The dialog, while a copy or move is being set up. */
export function TransferOptionsDialog() {
  const draft = useTransferSetup((s) => s.draft);
  if (!draft) return null;
  return <OptionsBody draft={draft} />;
}

function OptionsBody({ draft }: { draft: TransferDraft }) {
  const { ref, onKeyDown } = useDialogFocus<HTMLDivElement>();
  const id = useId();
  const update = transferSetup.getState().update;
  const close = transferSetup.getState().close;
  const title = draft.kind === 'copy' ? 'Copy options' : 'Move options';
  // The engine's preflight of each destination, as it is typed: Start waits for every answer and problem.
  const preflights = useDestinationsPreflight(draft);
  const canStart =
    preflights.every((preflight) => preflight.problem === null && !preflight.pending) && !draft.starting;
  const sourceText = draft.sources.length === 1 ? (draft.sources[0] ?? '') : `${draft.sources.length} items`;

  // Esc cancels the setup (never a running job: nothing has started yet).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        transferSetup.getState().close();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className="modal options-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <form
          className="options-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (canStart) void startDraft();
          }}
        >
          <h2 className="modal-title">
            {draft.kind === 'copy' ? 'Copy' : 'Move'} {folderName(sourceText)}
          </h2>

          {draft.chooseKind && (
            <div className="segmented" role="radiogroup" aria-label="Operation">
              {(['copy', 'move'] as const).map((kind) => (
                <label key={kind} className={`segment ${draft.kind === kind ? 'segment-on' : ''}`}>
                  <input
                    type="radio"
                    name={`${id}-kind`}
                    value={kind}
                    checked={draft.kind === kind}
                    onChange={() => update({ kind })}
                  />
                  {kind === 'copy' ? 'Copy' : 'Move'}
                </label>
              ))}
            </div>
          )}

          <div className={`route ${preflights.length > 1 ? 'route-multi' : ''}`}>
            <div className="route-row">
              <span className="route-label">From</span>
              <span className="route-value" title={sourceText}>
                {ltr(sourceText)}
              </span>
            </div>
            <DestinationList id={`${id}-dest`} draft={draft} preflights={preflights} />
          </div>

          <div className="options-columns">
            <fieldset className="options-group">
              <legend id={`${id}-policy`}>When a file already exists</legend>
              <div role="radiogroup" aria-labelledby={`${id}-policy`} className="policy-list">
                {POLICY_CHOICES.map((choice) => (
                  <label key={choice.value} className="choice">
                    <input
                      type="radio"
                      name={`${id}-policy`}
                      value={choice.value}
                      checked={draft.policy === choice.value}
                      aria-describedby={`${id}-${choice.value}`}
                      onChange={() => update({ policy: choice.value })}
                    />
                    <span className="choice-text">
                      <span className="choice-label">
                        {choice.label}
                        {choice.value === 'skip' && <span className="choice-default"> (default)</span>}
                      </span>
                      <span className="choice-hint" id={`${id}-${choice.value}`}>
                        {choice.hint}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>

            <IntegrityOptions id={`${id}-integrity`} draft={draft} />
          </div>

          {draft.error && (
            <p className="options-problem" role="alert">
              {draft.error}
            </p>
          )}

          <div className="modal-actions">
            <button type="button" className="btn btn-ghost" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={!canStart}>
              {draft.starting ? 'Starting…' : 'Start'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
