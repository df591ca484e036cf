/**
 * How the bundle reaches its launcher's code cache (code-cache.ts): the launcher leaves its save function under
 * this symbol; the check thread calls it just before its report, since a terminated thread runs no exit handler.
 */

/** Where the launcher leaves its save function. */
export const CODE_CACHE_SAVE = Symbol.for('attt-selfcheck.code-cache.save');

/** Saves this thread's code cache if the launcher left a way to (the bundle, not the TypeScript source under tsx). */
export function saveCodeCache(): void {
  const save = (globalThis as Record<symbol, unknown>)[CODE_CACHE_SAVE];
  if (typeof save === 'function') (save as () => void)();
}
