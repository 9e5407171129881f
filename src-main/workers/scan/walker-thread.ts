/** Placeholder: a walker thread. */
export {};
