/**
 * utilityProcess: a real Node child process with Electron's message API. In the child,
 * `process.parentPort` is set by utility-child.ts (and `process.send` is hidden, as in Electron).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { clockEnv } from './clock';
import type { Readable } from 'node:stream';
import { record } from './control';
import { strict } from './strict';

export interface ForkOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly execArgv?: readonly string[];
  readonly cwd?: string;
  readonly stdio?: 'pipe' | 'ignore' | 'inherit' | readonly string[];
  readonly serviceName?: string;
}

export class ShimUtilityProcess extends EventEmitter {
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  private readonly child: ChildProcess;

  constructor(modulePath: string, args: readonly string[], options: ForkOptions) {
    super();
    const stdio = options.stdio === undefined || options.stdio === 'inherit' ? 'inherit' : options.stdio === 'ignore' ? 'ignore' : 'pipe';
    this.child = fork(modulePath, [...args], {
      env: { ...(options.env ?? process.env), ...clockEnv() },
      cwd: options.cwd,
      // tsx, so that the hook can be TypeScript like the rest of the shim.
      execArgv: ['--require', require.resolve('tsx/cjs'), '--require', join(__dirname, 'utility-child.ts'), ...(options.execArgv ?? [])],
      serialization: 'advanced',
      stdio: [stdio === 'pipe' ? 'pipe' : stdio, stdio === 'pipe' ? 'pipe' : stdio, stdio === 'pipe' ? 'pipe' : stdio, 'ipc'],
    });
    this.stdout = this.child.stdout;
    this.stderr = this.child.stderr;
    this.child.on('spawn', () => {
      record({ type: 'utility:fork', modulePath, pid: this.child.pid });
      this.emit('spawn');
    });
    this.child.on('message', (m) => this.emit('message', m));
    this.child.on('exit', (code, signal) => {
      record({ type: 'utility:exit', pid: this.child.pid, code });
      // Electron reports a killed utility process with a non-zero code.
      this.emit('exit', code ?? (signal ? 1 : 0));
    });
    this.child.on('error', (e) => this.emit('error', 'FatalError', e.message));
  }

  get pid(): number | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as never);
  }

  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}

/** The class, for the API-list test. */
export const ShimUtilityProcessClass = ShimUtilityProcess;

export const utilityProcess = strict('utilityProcess', {
  fork: (modulePath: string, args: readonly string[] = [], options: ForkOptions = {}) => strict('UtilityProcess', new ShimUtilityProcess(modulePath, args, options)),
});
