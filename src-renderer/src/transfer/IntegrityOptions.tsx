/** The options dialog's integrity choices: read-back verification, ASC MHL, a checksum file, hash formats. */
import { HashFormatPicker } from './HashFormatPicker';
import { transferSetup, type TransferDraft } from './setup-store';

/** The "Verification" group (its choices are remembered for the next transfer once one starts). */
export function IntegrityOptions({ id, draft }: { id: string; draft: TransferDraft }) {
  const update = transferSetup.getState().update;
  // Several destinations, hash formats and ASC MHL histories are an offload's: a copy's (as in the CLI).
  const copy = draft.kind === 'copy';
  return (
    <fieldset className="options-group">
      <legend>Verification</legend>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.verify}
          aria-describedby={`${id}-verify`}
          onChange={(event) => update({ verify: event.target.checked })}
        />
        <span className="choice-text">
          <span className="choice-label">Verify copies (read back from storage)</span>
          <span className="choice-hint" id={`${id}-verify`}>
            {draft.kind === 'move'
              ? 'Reads each copy back, past the memory cache where the system allows, and compares its hash. A move to another drive always verifies each file before deleting its source.'
              : 'Reads each copy back, past the memory cache where the system allows, and compares its hash with the source’s.'}
          </span>
        </span>
      </label>
      {copy && (
        <label className="choice">
          <input
            type="checkbox"
            checked={draft.mhl}
            aria-describedby={`${id}-mhl`}
            onChange={(event) => update({ mhl: event.target.checked })}
          />
          <span className="choice-text">
            <span className="choice-label">Write ASC MHL history</span>
            <span className="choice-hint" id={`${id}-mhl`}>
              An ascmhl folder in each copied folder, at every destination, for checking the copy later.
            </span>
          </span>
        </label>
      )}
      <label className={`choice ${draft.verify ? '' : 'choice-disabled'}`}>
        <input
          type="checkbox"
          checked={draft.verify && draft.checksumFile}
          disabled={!draft.verify}
          aria-describedby={`${id}-sums`}
          onChange={(event) => update({ checksumFile: event.target.checked })}
        />
        <span className="choice-text">
          <span className="choice-label">Write a checksum file</span>
          <span className="choice-hint" id={`${id}-sums`}>
            {draft.verify
              ? 'A checksum list (xxhsum format) in each destination, for checking the copy without Wrangle.'
              : 'Turn on verification to write one: it lists the hashes the copies were checked against.'}
          </span>
        </span>
      </label>
      <HashFormatPicker id={`${id}-hashes`} value={draft.hashes} onChange={(hashes) => update({ hashes })} />
    </fieldset>
  );
}
