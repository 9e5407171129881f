/**
 * File records kept compactly until a manifest is written: names as UTF-8 in one growing buffer, numbers
 * and hashes in typed arrays (hex hashes as their bytes, C4 ids as their 90 ASCII characters), folders in
 * a table each record points into. A million records with one xxh64 take about 60 MB, not the ~1 GB of a
 * million small objects.
 */
import { HASH_FORMATS } from '../../src-shared/hash-formats';
import type { HashFormat } from '../../src-shared/hash-formats';
import { bytesToHex, DIGEST_BYTES, hexToBytes } from './hash-codec';

/** Bytes one stored value of a format takes. */
export const STORED_BYTES: Record<HashFormat, number> = { ...DIGEST_BYTES, c4: 90 };

type Typed = Uint8Array | Uint32Array | Float64Array;

/** A typed array that doubles when full. */
class Column<T extends Typed> {
  array: T;
  constructor(
    private readonly make: (length: number) => T,
    private readonly width = 1,
  ) {
    this.array = make(1024 * width);
  }
  ensure(count: number): void {
    if (count * this.width <= this.array.length) return;
    let length = this.array.length;
    while (length < count * this.width) length *= 2;
    const next = this.make(length);
    next.set(this.array as never);
    this.array = next;
  }
}

/** The action of a record's hashes, as a number (index into ACTION_NAMES). */
export type Action = 0 | 1 | 2;
export const ACTION_NAMES = ['original', 'verified', 'failed'] as const;

export class RecordStore {
  count = 0;
  private heap = Buffer.allocUnsafe(1 << 16);
  private heapUsed = 0;
  private readonly dirOf = new Column((n) => new Uint32Array(n));
  private readonly nameAt = new Column((n) => new Uint32Array(n));
  private readonly nameLength = new Column((n) => new Uint32Array(n));
  private readonly sizes = new Column((n) => new Float64Array(n));
  private readonly mtimes = new Column((n) => new Float64Array(n));
  private readonly actions = new Column((n) => new Uint8Array(n));
  private readonly present = new Column((n) => new Uint8Array(n));
  private readonly hashColumns = new Map<HashFormat, Column<Uint8Array>>();

  /** Add one record; returns its index. `hashes` holds normalized values. */
  add(
    dir: number,
    name: string,
    size: number,
    mtimeSeconds: number,
    action: Action,
    hashes: Partial<Record<HashFormat, string>>,
  ): number {
    const i = this.count;
    const next = i + 1;
    for (const column of [this.dirOf, this.nameAt, this.nameLength, this.sizes, this.mtimes])
      column.ensure(next);
    this.actions.ensure(next);
    this.present.ensure(next);
    const nameBytes = Buffer.byteLength(name);
    if (this.heapUsed + nameBytes > this.heap.length) {
      let length = this.heap.length;
      while (length < this.heapUsed + nameBytes) length *= 2;
      const bigger = Buffer.allocUnsafe(length);
      this.heap.copy(bigger, 0, 0, this.heapUsed);
      this.heap = bigger;
    }
    this.heap.write(name, this.heapUsed, 'utf8');
    this.dirOf.array[i] = dir;
    this.nameAt.array[i] = this.heapUsed;
    this.nameLength.array[i] = nameBytes;
    this.heapUsed += nameBytes;
    this.sizes.array[i] = size;
    this.mtimes.array[i] = mtimeSeconds;
    this.actions.array[i] = action;
    let mask = 0;
    HASH_FORMATS.forEach((format, bit) => {
      const value = hashes[format];
      if (value === undefined) return;
      mask |= 1 << bit;
      const width = STORED_BYTES[format];
      let column = this.hashColumns.get(format);
      if (!column) {
        column = new Column((n) => new Uint8Array(n), width);
        this.hashColumns.set(format, column);
      }
      column.ensure(next);
      if (format === 'c4') column.array.set(Buffer.from(value, 'latin1'), i * width);
      else hexToBytes(value, column.array, i * width);
    });
    this.present.array[i] = mask;
    this.count = next;
    return i;
  }

  dir(i: number): number {
    return this.dirOf.array[i] as number;
  }
  size(i: number): number {
    return this.sizes.array[i] as number;
  }
  mtime(i: number): number {
    return this.mtimes.array[i] as number;
  }
  action(i: number): Action {
    return this.actions.array[i] as Action;
  }
  has(i: number, format: HashFormat): boolean {
    return ((this.present.array[i] as number) & (1 << HASH_FORMATS.indexOf(format))) !== 0;
  }
  /** The record's name as text. */
  name(i: number): string {
    const at = this.nameAt.array[i] as number;
    return this.heap.toString('utf8', at, at + (this.nameLength.array[i] as number));
  }
  /** The record's name as UTF-8 bytes (a view: copy before the store grows). */
  nameBytes(i: number): Uint8Array {
    const at = this.nameAt.array[i] as number;
    return this.heap.subarray(at, at + (this.nameLength.array[i] as number));
  }
  /** Compare two records' names bytewise (= by code point, the reference implementation's order). */
  compareNames(a: number, b: number): number {
    const atA = this.nameAt.array[a] as number;
    const atB = this.nameAt.array[b] as number;
    return this.heap.compare(
      this.heap,
      atB,
      atB + (this.nameLength.array[b] as number),
      atA,
      atA + (this.nameLength.array[a] as number),
    );
  }
  private column(format: HashFormat): Column<Uint8Array> {
    const column = this.hashColumns.get(format);
    if (!column) throw new Error(`internal error: no ${format} hashes stored`);
    return column;
  }

  /** A hash value as written in manifests. */
  hashText(i: number, format: HashFormat): string {
    const width = STORED_BYTES[format];
    const column = this.column(format);
    if (format === 'c4')
      return Buffer.from(column.array.buffer, column.array.byteOffset + i * width, width).toString('latin1');
    return bytesToHex(column.array, i * width, (i + 1) * width);
  }
  /** Hex formats: the digest bytes (a view). C4: undefined (decode hashText). */
  hashBytes(i: number, format: HashFormat): Uint8Array | undefined {
    if (format === 'c4') return undefined;
    const width = STORED_BYTES[format];
    return this.column(format).array.subarray(i * width, (i + 1) * width);
  }
}
