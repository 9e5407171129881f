/** Shallow copies without some keys: how the store drops a message's state before keeping the rest. */

/** A shallow copy of `value` without `keys`. */
export function withoutKeys<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) Reflect.deleteProperty(copy, key);
  return copy;
}
