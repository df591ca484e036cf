/**
 * A Host that spawns each command once: a second `run` of the same argv (same environment, folder and
 * input) in one check run gets the first one's result. The engine wraps the host of every run in one,
 * so probes that need the same fact (`id -u`, a process listing) never pay for it twice; a new run
 * (a re-check after a removal) gets a new wrapper and looks again. The machine identity is read once per run too.
 */
import type { Host, RunOptions, RunResult } from './host';

/** What makes two runs the same command: argv, extra environment, working folder and stdin. */
export function runKey(argv: readonly string[], options: RunOptions | undefined): string {
  const env = options?.env ? Object.entries(options.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  return JSON.stringify([argv, env, options?.cwd ?? null, options?.input ?? null]);
}

/**
 * Wraps a Host so that identical commands run once (see the file comment). Everything else, reads
 * included, is the inner host's own, bound to it (a Proxy, so methods added to Host later pass through).
 */
export function onceHost(inner: Host): Host {
  const runs = new Map<string, Promise<RunResult>>();
  const run = (argv: readonly string[], options?: RunOptions): Promise<RunResult> => {
    const key = runKey(argv, options);
    let result = runs.get(key);
    if (!result) {
      // The first caller's time limit and output cap apply to everyone who asks for the same command.
      result = inner.run(argv, options);
      runs.set(key, result);
    }
    return result;
  };
  // The machine identity is slow (firmware tables, WMI) and the same all run long: read once, when first asked.
  let identity: ReturnType<NonNullable<Host['machineIdentity']>> | undefined;
  const read = inner.machineIdentity;
  const machineIdentity = read ? () => (identity ??= read.call(inner)) : undefined;
  return new Proxy(inner, {
    get(target, prop) {
      if (prop === 'run') return run;
      if (prop === 'machineIdentity') return machineIdentity;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
