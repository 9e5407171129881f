/** Placeholder preload. */
export {};
