/** The engine's hash columns (hex per format, HASH_FORMATS order; C4 as sha512) as named values. */
import { HASH_FORMATS, type HashValues } from '../../src-shared/hash-formats';
import { c4FromSha512Hex } from '../hashing/c4';

/** Named values of the formats that were computed; C4 becomes its `c4…` id. */
export function hashValuesOf(hashes: readonly string[]): HashValues {
  const values: HashValues = {};
  HASH_FORMATS.forEach((format, index) => {
    const value = hashes[index];
    if (value) values[format] = format === 'c4' ? c4FromSha512Hex(value) : value;
  });
  return values;
}
