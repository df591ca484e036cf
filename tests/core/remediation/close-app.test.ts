import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { FixtureHost, type FixtureSpec } from '../../../src/core/host/fixture-host';
import type { ReadOptions, RunOptions, RunResult } from '../../../src/core/host/host';
import { RealHost } from '../../../src/core/host/real-host';
import { closeApp, processIdentity } from '../../../src/core/remediation/close-app';
import type { CloseAppStep } from '../../../src/core/remediation/plan';

const noWait = { graceMs: 20, pollMs: 10, sleep: () => Promise.resolve() };

/** A /proc/PID/stat line as Linux writes it (field 22 = start time in clock ticks). */
function statLine(pid: number, comm: string, start: number): string {
  return `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 ${start} 3133440 395 18446744073709551615 93862680002560 93862680022441 140724694839952 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n`;
}

/** A FixtureHost whose /proc/PID/stat and tasklist answers change as the test goes (the process list moves on). */
class MovingHost extends FixtureHost {
  readonly stats = new Map<number, string[]>();
  readonly tasklists = new Map<number, string[]>();
  constructor(spec: FixtureSpec) {
    super(spec);
  }
  override readText(path: string, options: ReadOptions): Promise<string> {
    const m = /^\/proc\/(\d+)\/stat$/.exec(path);
    const queue = m ? this.stats.get(Number(m[1])) : undefined;
    if (queue && queue.length > 0) return Promise.resolve(queue.length > 1 ? queue.shift()! : queue[0]!);
    return super.readText(path, options);
  }
  override run(argv: readonly string[], options?: RunOptions): Promise<RunResult> {
    const pid = argv[0]!.endsWith('tasklist.exe') ? Number(/PID eq (\d+)/.exec(argv[2] ?? '')?.[1]) : NaN;
    const queue = this.tasklists.get(pid);
    if (queue && queue.length > 0) {
      this.calls.push([...argv]);
      const stdout = queue.length > 1 ? queue.shift()! : queue[0]!;
      return Promise.resolve({ argv, exitCode: 0, signal: null, stdout, stderr: '', durationMs: 1 });
    }
    return super.run(argv, options);
  }
}

const step = (pids: number[], names: string[]): CloseAppStep => ({ kind: 'close-app', title: { key: 'fix:step.close' }, pids, names });

describe('closing the app by pid: never a process that took over the pid', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  it.skipIf(process.platform !== 'linux')('closes a real process by pid after reading its name and start time from /proc', async () => {
    child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = child.pid!;
    const exited = new Promise((r) => child!.once('exit', r));
    const host = new RealHost();
    const id = await processIdentity(host, pid);
    expect(id).toMatchObject({ name: 'sleep', start: expect.stringMatching(/^\d+$/) });
    const r = await closeApp(host, step([pid], ['sleep']), { graceMs: 5_000, pollMs: 50 });
    await exited;
    expect(r.outcome).toBe('closed');
    expect(r.runs.map((x) => x.argv)).toEqual([['kill', '-s', 'TERM', String(pid)]]);
  });

  it('Linux: the pid is reused by another process named zoom before the signal (new start time): nothing is killed', async () => {
    const host = new MovingHost({ platform: 'linux', homedir: '/home/an' });
    host.stats.set(4242, [statLine(4242, 'zoom', 253948), statLine(4242, 'zoom', 999999)]);
    const r = await closeApp(host, step([4242], ['zoom']), noWait);
    expect(host.calls.filter((c) => c[0] === 'kill')).toEqual([]);
    expect(r.outcome).toBe('closed');
  });

  it('Linux: each pid is looked at right before its own signal, not only once at the start', async () => {
    const host = new MovingHost({ platform: 'linux', homedir: '/home/an' });
    host.stats.set(100, [statLine(100, 'zoom', 5000)]);
    // pid 200 is zoom at the first look, then (while pid 100 is signalled) it is a text editor.
    host.stats.set(200, [statLine(200, 'zoom', 6000), statLine(200, 'gedit', 7000)]);
    await closeApp(host, step([100, 200], ['zoom']), noWait);
    const kills = host.calls.filter((c) => c[0] === 'kill');
    expect(kills.length).toBeGreaterThan(0);
    expect(kills.every((c) => c[3] === '100')).toBe(true);
  });

  it('Windows: taskkill by full path, without /T (children such as a browser Zoom opened are not ours), name checked before each', async () => {
    const env = { SystemRoot: 'C:\\Windows' };
    const host = new MovingHost({ platform: 'win32', homedir: 'C:\\Users\\an', env });
    host.tasklists.set(4242, ['"Zoom.exe","4242","Console","1","120,000 K"\r\n', '"Zoom.exe","4242","Console","1","120,000 K"\r\n', '"notepad.exe","4242","Console","1","9,000 K"\r\n']);
    await closeApp(host, step([4242], ['Zoom.exe']), noWait);
    const kills = host.calls.filter((c) => /taskkill/i.test(c[0]!));
    expect(kills).toEqual([['C:\\Windows\\System32\\taskkill.exe', '/PID', '4242']]);
    expect(host.calls.every((c) => /^C:\\Windows\\System32\\/.test(c[0]!))).toBe(true);
  });
});
