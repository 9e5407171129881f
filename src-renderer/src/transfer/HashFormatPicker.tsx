/** The hash formats of a transfer as a compact row of toggles: at least one, xxh64 by default. */
import { HashListSchema, type HashFormat } from '../../../src-shared/hash-formats';

/** The formats in the order offered (the default first, then the fast ones), with their usual names. */
export const HASH_CHOICES: readonly { format: HashFormat; label: string; hint: string }[] = [
  { format: 'xxh64', label: 'xxh64', hint: 'xxHash64: the default of ASC MHL and camera-media tools' },
  { format: 'xxh128', label: 'xxh128', hint: 'xxHash128' },
  { format: 'xxh3', label: 'xxh3', hint: 'xxHash3, 64-bit' },
  { format: 'md5', label: 'MD5', hint: 'MD5: slower; asked for by some facilities' },
  { format: 'sha1', label: 'SHA-1', hint: 'SHA-1: slower' },
  { format: 'c4', label: 'C4', hint: 'C4 ID (SMPTE ST 2114): slower' },
];

/** The toggles; `value` has at least one format, and the last one cannot be turned off. */
export function HashFormatPicker({
  id,
  value,
  onChange,
}: {
  id: string;
  value: readonly HashFormat[];
  onChange(formats: HashFormat[]): void;
}) {
  const toggle = (format: HashFormat, on: boolean): void => {
    const next = on ? [...value, format] : value.filter((chosen) => chosen !== format);
    // Schema order, no repeats; never empty (the toggle of the last one is disabled).
    if (next.length > 0) onChange(HashListSchema.parse(next));
  };
  return (
    <div className="hash-picker">
      <span className="hash-picker-label" id={`${id}-label`}>
        Hashes
      </span>
      <div
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
        className="hash-chips"
      >
        {HASH_CHOICES.map(({ format, label, hint }) => {
          const on = value.includes(format);
          const last = on && value.length === 1;
          return (
            <label key={format} className={`hash-chip ${on ? 'hash-chip-on' : ''}`} title={hint}>
              <input
                type="checkbox"
                checked={on}
                disabled={last}
                onChange={(event) => toggle(format, event.target.checked)}
              />
              {label}
            </label>
          );
        })}
      </div>
      <span className="choice-hint hash-picker-hint" id={`${id}-hint`}>
        Computed from the one read of each file{value.length === 1 ? '; at least one is needed' : ''}.
      </span>
    </div>
  );
}
