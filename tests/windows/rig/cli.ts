/**
 * Runs the bundled CLI under Windows Node in a prefix. node.exe and the bundle are copied into the
 * prefix (C:\node, C:\attt) since the prefix has no Z: drive; output goes to files (see ./wine.ts).
 */
import type { Report } from '../../../src/shared/report';
import { CLI_BUNDLE, NODE_EXE } from './paths';
import type { WinePrefix } from './prefix';
import type { WineRun } from './wine';

/** node.exe inside the prefix. */
export const NODE_WIN_PATH = 'C:\\node\\node.exe';
/** The CLI bundle inside the prefix. */
export const CLI_WIN_PATH = 'C:\\attt\\attt-selfcheck.cjs';

/** Copies Windows Node and the freshly built CLI bundle into the prefix. */
export function installCli(prefix: WinePrefix): void {
  prefix.copyIn(NODE_EXE, NODE_WIN_PATH);
  prefix.copyIn(CLI_BUNDLE, CLI_WIN_PATH);
}

/** What one CLI run did. */
export interface CliRun extends WineRun {
  /** The parsed `--json` report, when the run asked for JSON. */
  readonly report?: Report;
}

/** Options of a CLI run. */
export interface CliRunOptions {
  /** Environment variables for the CLI (wine passes them to node.exe). */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Runs `node.exe attt-selfcheck.cjs ARGS` in the prefix; parses stdout as the report when `--json` is given. */
export async function runCli(prefix: WinePrefix, args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const r = await prefix.run([NODE_WIN_PATH, CLI_WIN_PATH, ...args], { env: options.env, timeoutMs: options.timeoutMs ?? 180_000 });
  if (r.timedOut) throw new Error(`CLI ${args.join(' ')} did not finish in time under wine; stderr: ${r.stderr.slice(-2000)}`);
  if (!args.includes('--json') || args[0] === 'fix') return r;
  try {
    return { ...r, report: JSON.parse(r.stdout) as Report };
  } catch {
    throw new Error(`CLI ${args.join(' ')} printed no JSON report (exit ${r.exitCode}).\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(-2000)}`);
  }
}
