// `npm run fuzz [-- --count N] [--seed S] [--os linux|win32|darwin] [--index I] [--json]`
// Generates machines for all three systems (tests/fuzz/machines.ts: garbled, truncated, binary, huge, non-UTF-8,
// NFD names, failing and hanging commands, hostile files) and runs each through the engine, the removal planner
// and the CLI's rendering (tests/fuzz/judge-machine.ts). Reports crashes, hangs past the limit, and any `ok` for
// Zoom on a machine that carries an intact Zoom signal; exits 1 when there is any.
// The machines run in a child process with a watchdog: a parse that blocks the event loop cannot hang the run,
// it is killed and reported as a hang of that machine (reproduce it with --index).
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { judgeMachine, type MachineVerdict } from '../tests/fuzz/judge-machine';
import { fuzzMachine } from '../tests/fuzz/machines';
import { machineSeed, randomFrom } from '../tests/fuzz/random';

/** A check's own time limit inside the engine; past it the engine reports a timeout (a hang here). */
const CHECK_LIMIT_MS = 10_000;
/** Silence from the worker this long means a machine blocked the event loop. */
const WATCHDOG_MS = Number(process.env.ATTT_FUZZ_WATCHDOG_MS ?? 60_000);

type Platform = 'linux' | 'win32' | 'darwin';
interface Result {
  readonly index: number;
  readonly signal: string | null;
  readonly verdict: MachineVerdict;
}

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1981' },
    os: { type: 'string' },
    index: { type: 'string' },
    json: { type: 'boolean', default: false },
    worker: { type: 'boolean', default: false },
    from: { type: 'string', default: '0' },
  },
  strict: true,
});

function wholeNumber(name: string, v: string | undefined): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`fuzz: --${name} takes a whole number, not ${JSON.stringify(v)}\n`);
    process.exit(64);
  }
  return n;
}

const seed = wholeNumber('seed', values.seed);
const count = wholeNumber('count', values.count);
const os = values.os as Platform | undefined;
if (os !== undefined && !['linux', 'win32', 'darwin'].includes(os)) {
  process.stderr.write(`fuzz: --os is linux, win32 or darwin, not ${JSON.stringify(os)}\n`);
  process.exit(64);
}

async function one(index: number): Promise<Result> {
  const machine = fuzzMachine(randomFrom(machineSeed(seed, index)), os);
  const started = performance.now();
  const verdict = await judgeMachine(machine, CHECK_LIMIT_MS);
  // A parse that blocks the event loop for a while delays the engine's own timer too: time the machine as well.
  const seconds = (performance.now() - started) / 1000;
  const slow = seconds * 1000 > CHECK_LIMIT_MS ? [`the machine took ${seconds.toFixed(1)} s, past the ${CHECK_LIMIT_MS / 1000} s limit`] : [];
  return { index, signal: machine.signal, verdict: { ...verdict, hangs: [...verdict.hangs, ...slow] } };
}

/** The worker: runs machines from..count-1 and sends each result to the parent. */
async function worker(from: number): Promise<void> {
  // Test hook (tests/fuzz/fuzz.test.ts): block the event loop at one machine, as a stalling parse would.
  const blockAt = process.env.ATTT_FUZZ_BLOCK_AT === undefined ? -1 : Number(process.env.ATTT_FUZZ_BLOCK_AT);
  // Loading the engine can take seconds on a busy machine: the watchdog starts on this word, not at the fork.
  process.send!('ready');
  for (let i = from; i < count; i++) {
    if (i === blockAt) for (;;);
    process.send!(await one(i));
  }
  process.disconnect?.();
}

/** The parent: runs the worker, restarting it past a machine that hung it, and collects the results. */
function supervise(): Promise<Result[]> {
  const results: Result[] = [];
  return new Promise((resolve) => {
    const start = (from: number): void => {
      if (from >= count) return resolve(results);
      const args = ['--worker', '--from', String(from), '--count', String(count), '--seed', String(seed), ...(os ? ['--os', os] : [])];
      const child: ChildProcess = fork(process.argv[1]!, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let next = from;
      let timer: NodeJS.Timeout;
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          results.push({ index: next, signal: null, verdict: { crashes: [], hangs: [`machine blocked the worker for ${WATCHDOG_MS / 1000} s`], falseOk: null } });
          child.kill('SIGKILL');
        }, WATCHDOG_MS);
      };
      child.on('message', (m: Result | 'ready') => {
        if (m === 'ready') return arm();
        results.push(m);
        next = m.index + 1;
        if (!values.json && next % 500 === 0) process.stderr.write(`fuzz: ${next}/${count}\n`);
        arm();
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        const hung = results.some((r) => r.index === next && r.verdict.hangs.length > 0);
        if (!hung && next < count) {
          results.push({ index: next, signal: null, verdict: { crashes: [`worker died (${signal ?? `exit ${code}`})`], hangs: [], falseOk: null } });
        }
        start(next + 1);
      });
    };
    start(0);
  });
}

function bad(r: Result): boolean {
  return r.verdict.crashes.length > 0 || r.verdict.hangs.length > 0 || r.verdict.falseOk !== null;
}

async function main(): Promise<void> {
  if (values.worker) return worker(wholeNumber('from', values.from));
  if (values.index !== undefined) {
    const r = await one(wholeNumber('index', values.index));
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    process.exitCode = bad(r) ? 1 : 0;
    return;
  }
  const results = (await supervise()).sort((a, b) => a.index - b.index);
  const crashes = results.filter((r) => r.verdict.crashes.length > 0);
  const hangs = results.filter((r) => r.verdict.hangs.length > 0);
  const falseOk = results.filter((r) => r.verdict.falseOk !== null);
  const signals = results.filter((r) => r.signal !== null).length;
  const summary = { seed, machines: results.length, withZoomSignal: signals, crashes: crashes.length, hangs: hangs.length, falseOk: falseOk.length };
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, problems: results.filter(bad) })}\n`);
  } else {
    process.stdout.write(`${results.length} machines (seed ${seed}, ${signals} with an intact Zoom signal): ${crashes.length} crashes, ${hangs.length} hangs, ${falseOk.length} false ok\n`);
    for (const r of results.filter(bad).slice(0, 20)) {
      process.stdout.write(`  machine ${r.index}: ${[...r.verdict.crashes, ...r.verdict.hangs, ...(r.verdict.falseOk ? [`false ok for ${r.verdict.falseOk}`] : [])].join('; ').slice(0, 400)}\n`);
      process.stdout.write(`    again: npm run fuzz -- --seed ${seed} --index ${r.index}${os ? ` --os ${os}` : ''}\n`);
    }
  }
  process.exitCode = crashes.length + hangs.length + falseOk.length > 0 ? 1 : 0;
}

void main();
