/** Newest mtime (ms) of the given paths and everything under them; 0 when none exists. */
export function newestMtime(paths: readonly string[]): number;
