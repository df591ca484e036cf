/**
 * A real host whose system folders (/usr/sbin, /usr/bin, /sbin, /bin) lack some programs or hold a stand-in for
 * one, as a machine without the attr package (or with a broken python3) would: the probes find their tools
 * through the Host (trustedProgram's stat), so the test changes only what the Host says is there.
 */
import { TRUSTED_BIN_DIRS } from '../../src/core/remediation/elevation';
import type { FileStat, RunOptions, RunResult } from '../../src/core/host/host';
import { SandboxHost, type SandboxHostOptions } from '../../src/core/host/sandbox-host';

/** Options: the programs that are not installed, and stand-ins (name → an executable) for others. */
export interface SystemToolsHostOptions extends SandboxHostOptions {
  readonly absent?: readonly string[];
  readonly standIns?: Readonly<Record<string, string>>;
}

/** The program name a system-folder path is, or undefined for any other path. */
function systemName(path: string): string | undefined {
  const slash = path.lastIndexOf('/');
  return TRUSTED_BIN_DIRS.includes(path.slice(0, slash)) ? path.slice(slash + 1) : undefined;
}

/** A RealHost (via SandboxHost) that hides system programs or replaces them, and counts what it runs. */
export class SystemToolsHost extends SandboxHost {
  /** Every argv run, in order. */
  readonly ran: (readonly string[])[] = [];
  private readonly absent: ReadonlySet<string>;
  private readonly standIns: Readonly<Record<string, string>>;

  constructor(options: SystemToolsHostOptions) {
    super(options);
    this.absent = new Set(options.absent ?? []);
    this.standIns = options.standIns ?? {};
  }

  override stat(path: string): Promise<FileStat | null> {
    const name = systemName(path);
    if (name !== undefined && this.absent.has(name)) return Promise.resolve(null);
    return super.stat(name !== undefined && this.standIns[name] ? this.standIns[name] : path);
  }

  override run(argv: readonly string[], options?: RunOptions): Promise<RunResult> {
    this.ran.push(argv);
    const name = systemName(argv[0] ?? '');
    const standIn = name !== undefined ? this.standIns[name] : undefined;
    return super.run(standIn ? [standIn, ...argv.slice(1)] : argv, options);
  }
}
