/**
 * The check thread started by the launcher before the CLI's own code has loaded (launcher.ts), so that the thread's
 * start (a Node environment, the bundle) runs beside the CLI's start on another core instead of after it. The launcher
 * guesses from the command line whether it runs `check`: a wrong guess costs only a thread started for nothing (it
 * keeps nothing alive and is never sent a request) or a thread started later, as before.
 */
import { startCheckThread, type CheckThread } from '../core/check-process/check-thread';
import { CHECK_PROCESS_ARG } from '../core/check-process/protocol';

const EARLY = Symbol.for('attt-selfcheck.early-check-thread');
/** Flags of `check` and the global ones that take a value (the word after them is no command). */
const VALUE_FLAGS: ReadonlySet<string> = new Set(['--lang', '--policy', '--only', '--format', '--catalog']);

/** Whether a command line (without node and the program) runs `check`, in its usual forms. */
export function runsCheck(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  if (options.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-v')) return false;
  for (let i = 0; i < options.length; i++) {
    const a = options[i]!;
    if (VALUE_FLAGS.has(a)) i++;
    else if (!a.startsWith('-') || a === '-') return a === 'check';
  }
  return end < 0 || argv[end + 1] === undefined || argv[end + 1] === 'check';
}

/** Starts the check thread of this program when the command line runs `check`; never throws (the check starts one then). */
export function startEarlyCheckThread(argv: readonly string[], modulePath: string, env: Readonly<Record<string, string | undefined>>): void {
  if (!runsCheck(argv)) return;
  const defined: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) defined[k] = v;
  try {
    (globalThis as Record<symbol, unknown>)[EARLY] = startCheckThread(modulePath, [CHECK_PROCESS_ARG], defined);
  } catch {
    // The check starts its own thread, and says why if that fails too.
  }
}

/** The thread the launcher started, handed over once (undefined when none was started). */
export function takeEarlyCheckThread(): CheckThread | undefined {
  const g = globalThis as Record<symbol, unknown>;
  const thread = g[EARLY] as CheckThread | undefined;
  delete g[EARLY];
  return thread;
}
