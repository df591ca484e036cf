/**
 * zod, loaded and its schemas built at their first use. Building zod's schemas costs tens of milliseconds at every
 * start of the CLI and of its check thread, yet a check of this machine validates nothing (the built-in policy and
 * catalog are validated at build time, scripts/build-cli.mjs); only a recorded machine, a memo, a catalog file or the
 * audit log needs them. A plain `require` of the package: esbuild bundles it as a module evaluated on that first call,
 * and the app's main build keeps zod external, as with an import.
 */
import type { z } from 'zod';

/** A schema built with zod on its first use, then kept. */
export function lazySchema<T>(build: (zod: typeof z) => T): () => T {
  let built: T | undefined;
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: loaded on first use, not at start
    built ??= build((require('zod') as typeof import('zod')).z);
    return built;
  };
}
