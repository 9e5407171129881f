/** A bounded list of the N largest items, cheap to offer to when most offers lose. */

/** Keeps the `limit` items with the largest `size`, sorted largest first. */
export class TopN<T extends { size: number }> {
  readonly items: T[] = [];
  /** Smallest size still kept once full; offers at or below it are rejected without work. */
  floor = -1;

  constructor(private readonly limit: number) {}

  /** True when an item of this size would be kept; check before building the item. */
  wants(size: number): boolean {
    return this.limit > 0 && (this.items.length < this.limit || size > this.floor);
  }

  /** Add an item if it is among the largest. */
  offer(item: T): void {
    if (!this.wants(item.size)) return;
    let i = this.items.length;
    while (i > 0 && (this.items[i - 1] as T).size < item.size) i--;
    this.items.splice(i, 0, item);
    if (this.items.length > this.limit) this.items.pop();
    if (this.items.length === this.limit) this.floor = (this.items[this.limit - 1] as T).size;
  }
}
