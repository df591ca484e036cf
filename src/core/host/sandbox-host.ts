import type { RunOptions, RunResult } from './host';
import { RealHost, type RealHostOptions } from './real-host';

/** Options of a SandboxHost: a real host whose home, environment and commands are redirected. */
export interface SandboxHostOptions extends RealHostOptions {
  /**
   * Rewrites a command before it runs, e.g. adds `--admindir=DIR` to `dpkg-query` so probes read
   * a private dpkg database. Return null to make the program look not installed.
   */
  readonly rewrite?: (argv: readonly string[]) => readonly string[] | null;
}

/** A RealHost confined for tests: a temporary home, a private package database, hidden tools. */
export class SandboxHost extends RealHost {
  private readonly rewrite?: SandboxHostOptions['rewrite'];

  constructor(options: SandboxHostOptions) {
    super(options);
    this.rewrite = options.rewrite;
  }

  override run(argv: readonly string[], options?: RunOptions): Promise<RunResult> {
    const rewritten = this.rewrite ? this.rewrite(argv) : argv;
    if (rewritten === null) {
      return Promise.resolve({ argv: [...argv], exitCode: null, signal: null, stdout: '', stderr: '', durationMs: 0, error: { code: 'not-found', message: `${argv[0]} is not installed or not on PATH` } });
    }
    return super.run(rewritten, options);
  }
}
