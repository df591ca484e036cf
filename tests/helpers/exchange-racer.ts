// A process that swaps two paths again and again with renameat2(RENAME_EXCHANGE), the way an attacker
// races a deletion: one of them a real subfolder of the tree being removed, the other a symbolic link
// to a folder outside it. python3 calls libc's renameat2 through ctypes; where python3, renameat2 or
// RENAME_EXCHANGE on this file system is missing, `startRacer` says why and the test skips.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = String.raw`
import ctypes, os, select, sys
libc = ctypes.CDLL(None, use_errno=True)
try:
    exchange = libc.renameat2
except AttributeError:
    sys.stdout.write("unavailable: libc has no renameat2\n"); sys.stdout.flush(); sys.exit(0)
exchange.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
AT_FDCWD, RENAME_EXCHANGE = -100, 2
probe = sys.argv[1].encode()
if exchange(AT_FDCWD, probe + b"/a", AT_FDCWD, probe + b"/b", RENAME_EXCHANGE) != 0:
    sys.stdout.write("unavailable: renameat2(RENAME_EXCHANGE): " + os.strerror(ctypes.get_errno()) + "\n"); sys.stdout.flush(); sys.exit(0)
sys.stdout.write("ready\n"); sys.stdout.flush()
pair, done, buf = None, 0, b""
while True:
    readable, _, _ = select.select([0], [], [], 0 if pair else None)
    if readable:
        chunk = os.read(0, 65536)
        if not chunk:
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            if line.startswith(b"race\t"):
                _, a, b = line.split(b"\t")
                pair, done = (a, b), 0
                for _ in range(64):
                    if exchange(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0:
                        done += 1
                sys.stdout.write("racing\n"); sys.stdout.flush()
            elif line == b"stop":
                pair = None
                sys.stdout.write("stopped %d\n" % done); sys.stdout.flush()
    if pair:
        for _ in range(256):
            if exchange(AT_FDCWD, pair[0], AT_FDCWD, pair[1], RENAME_EXCHANGE) == 0:
                done += 1
`;

/** A running racer: `race(a, b)` starts swapping (resolves once it has begun), `stop()` ends it and says how many swaps succeeded. */
export interface Racer {
  race(a: string, b: string): Promise<void>;
  stop(): Promise<number>;
  close(): void;
}

/** Why no racer can run here, or null when one can. */
export type RacerStart = { readonly racer: Racer } | { readonly why: string };

/**
 * Starts one racer process (reused for every run of a test file); `scratch` must be on the file system
 * the races use. `asUid`: the racer runs as that user (root only: /usr/bin/setpriv, /usr/bin/python3),
 * as another user on the machine would.
 */
export async function startRacer(scratch: string, asUid?: number): Promise<RacerStart> {
  if (process.platform !== 'linux') return { why: 'renameat2(RENAME_EXCHANGE) is Linux-only' };
  const argv = asUid === undefined ? ['python3'] : ['/usr/bin/setpriv', `--reuid=${asUid}`, `--regid=${asUid}`, '--clear-groups', '--', '/usr/bin/python3'];
  if (spawnSync(argv[0]!, [...argv.slice(1), '-c', 'import ctypes'], { stdio: 'ignore' }).status !== 0) {
    return { why: asUid === undefined ? 'python3 with ctypes is not installed' : `cannot run /usr/bin/python3 as uid ${asUid} (needs root, setpriv and a system python3)` };
  }
  const probe = mkdtempSync(join(scratch, 'probe-'));
  mkdirSync(join(probe, 'a'));
  writeFileSync(join(probe, 'b'), 'b');
  if (asUid !== undefined) for (const p of [probe, join(probe, 'a'), join(probe, 'b')]) chownSync(p, asUid, asUid);
  const child = spawn(argv[0]!, [...argv.slice(1), '-c', SCRIPT, probe], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = lineReader(child);
  const first = await lines();
  rmSync(probe, { recursive: true, force: true });
  if (first !== 'ready') {
    child.kill();
    return { why: first.startsWith('unavailable: ') ? first.slice('unavailable: '.length) : `the racer did not start (${first})` };
  }
  return {
    racer: {
      async race(a, b) {
        child.stdin.write(`race\t${a}\t${b}\n`);
        const ack = await lines();
        if (ack !== 'racing') throw new Error(`racer: ${ack}`);
      },
      async stop() {
        child.stdin.write('stop\n');
        const ack = await lines();
        const m = /^stopped (\d+)$/.exec(ack);
        if (!m) throw new Error(`racer: ${ack}`);
        return Number(m[1]);
      },
      close() {
        child.stdin.end();
        child.kill();
      },
    },
  };
}

/** Reads the child's stdout one line at a time; an exit or error reads as a line saying so. */
function lineReader(child: ChildProcessWithoutNullStreams): () => Promise<string> {
  let buf = '';
  let stderr = '';
  const waiting: ((line: string) => void)[] = [];
  const ready: string[] = [];
  const push = (line: string): void => {
    const w = waiting.shift();
    if (w) w(line);
    else ready.push(line);
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.on('exit', (code) => push(`exited ${code}: ${stderr.trim().slice(0, 300)}`));
  child.on('error', (e) => push(`error: ${e.message}`));
  return () => {
    const line = ready.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
  };
}
