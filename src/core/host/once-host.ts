/**
 * A Host that spawns each command once and looks at each path once: a second `run` of the same argv
 * (same environment, folder and input), or a second `stat`, `list`, `readLink` or `readText` (same
 * options) of a path, in one check run gets the first one's answer. The engine wraps the host of every
 * run in one, so probes that need the same fact (`id -u`, a process listing, a home's folders, which
 * every app of the policy looks at) never pay for it twice, and the checks of one run see the machine
 * alike; a new run (a re-check after a removal) gets a new wrapper and looks again. Checks never change
 * the machine, so nothing a run reads goes stale within it. The machine identity is read once per run too.
 */
import type { Host, RunOptions, RunResult } from './host';

/** What makes two runs the same command: argv, extra environment, working folder and stdin. */
export function runKey(argv: readonly string[], options: RunOptions | undefined): string {
  const env = options?.env ? Object.entries(options.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  return JSON.stringify([argv, env, options?.cwd ?? null, options?.input ?? null]);
}

/**
 * Wraps a Host so that identical commands run once and identical reads are answered once (see the file
 * comment). Everything else is the inner host's own, bound to it (a Proxy, so methods added to Host later pass through).
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
  // Reads answered once per run; bytes (installers' version resources, ranges) are read each time, to keep no large buffers.
  const looks = new Map<string, Promise<unknown>>();
  const once =
    (name: 'stat' | 'list' | 'readLink' | 'readText') =>
    (...args: unknown[]): Promise<unknown> => {
      const key = JSON.stringify([name, ...args]);
      let answer = looks.get(key);
      if (!answer) {
        answer = (inner[name] as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
        looks.set(key, answer);
      }
      return answer;
    };
  const reads = { stat: once('stat'), list: once('list'), readLink: once('readLink'), readText: once('readText') } as const;
  // The machine identity is slow (firmware tables, WMI) and the same all run long: read once, when first asked.
  let identity: ReturnType<NonNullable<Host['machineIdentity']>> | undefined;
  const read = inner.machineIdentity;
  const machineIdentity = read ? () => (identity ??= read.call(inner)) : undefined;
  return new Proxy(inner, {
    get(target, prop) {
      if (prop === 'run') return run;
      if (prop === 'machineIdentity') return machineIdentity;
      if (typeof prop === 'string' && Object.hasOwn(reads, prop)) return reads[prop as keyof typeof reads];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
