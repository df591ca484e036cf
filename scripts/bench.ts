// `npm run bench`: speed and memory figures (printed, never asserted by tests).
// 1. The full check on this machine, median of several runs, beside the raw floor: the very commands the check
//    ran, spawned directly from one shell in parallel. The ratio says what our own code costs on top.
// 2. The full check against a recorded Linux machine with 10,000 installed packages and 2,000 processes.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DPKG_ARGV } from '../src/core/checks/banned-app/linux/dpkg';
import { defaultChecks } from '../src/core/checks/default-checks';
import { runChecks } from '../src/core/engine';
import { FixtureHost, type FixtureNode } from '../src/core/host/fixture-host';
import type { Host, RunOptions, RunResult } from '../src/core/host/host';
import { RealHost } from '../src/core/host/real-host';
import { builtinPolicy } from '../src/core/policy/policy';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const policy = builtinPolicy();

/** A host that remembers every command it ran. */
function recording(host: Host): Host & { argvs: string[][] } {
  const argvs: string[][] = [];
  return Object.assign(Object.create(host) as Host, {
    argvs,
    run: (argv: readonly string[], options?: RunOptions): Promise<RunResult> => {
      argvs.push([...argv]);
      return host.run(argv, options);
    },
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const mib = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

async function timeCheck(host: Host): Promise<number> {
  const t0 = performance.now();
  await runChecks({ host, policy, now: new Date() }, { checks: defaultChecks() });
  return performance.now() - t0;
}

async function thisMachine(): Promise<void> {
  const rec = recording(new RealHost());
  await timeCheck(rec); // warm-up, and records the commands
  const checkTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) checkTimes.push(await timeCheck(new RealHost()));
  const script = `${rec.argvs.map((a) => `${a.map(quote).join(' ')} >/dev/null 2>&1 &`).join('\n')}\nwait`;
  const floorTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    spawnSync('sh', ['-c', script]);
    floorTimes.push(performance.now() - t0);
  }
  const check = median(checkTimes);
  const floor = median(floorTimes);
  console.log(`This machine (${process.platform}), median of ${RUNS} runs:`);
  console.log(`  full check        ${ms(check)}`);
  console.log(`  raw floor         ${ms(floor)}  (${rec.argvs.length} commands spawned from one shell: ${[...new Set(rec.argvs.map((a) => a[0]))].join(', ')})`);
  console.log(`  ratio             ${(check / floor).toFixed(2)}x`);
}

function bigMachine(): FixtureHost {
  const packages: string[] = [];
  for (let i = 0; i < 10_000; i++) packages.push(`pkg-${i}\t1.${i}.0-1\tamd64\tinstall ok installed`);
  packages.push('zoom\t6.2.5.2440\tamd64\tinstall ok installed');
  const files: Record<string, FixtureNode> = { '/var/lib/dpkg/status': '' };
  for (let pid = 1; pid <= 2_000; pid++) {
    files[`/proc/${pid}/comm`] = pid === 1999 ? 'zoom\n' : `worker-${pid}\n`;
    files[`/proc/${pid}/cmdline`] = pid === 1999 ? '/opt/zoom/zoom\0' : `/usr/bin/worker-${pid}\0--flag\0`;
  }
  return new FixtureHost({ platform: 'linux', homedir: '/home/bench', files, commands: [{ argv: DPKG_ARGV, stdout: `${packages.join('\n')}\n` }] });
}

async function recordedMachine(): Promise<void> {
  const times: number[] = [];
  const before = process.memoryUsage();
  let violations = 0;
  for (let i = 0; i < RUNS; i++) {
    const host = bigMachine();
    const t0 = performance.now();
    const report = await runChecks({ host, policy, now: new Date() }, { checks: defaultChecks() });
    times.push(performance.now() - t0);
    violations = report.summary.violation;
  }
  const after = process.memoryUsage();
  console.log(`Recorded machine: 10,000 packages, 2,000 processes, median of ${RUNS} runs:`);
  console.log(`  full check        ${ms(median(times))}  (${violations} violations found: the planted zoom package and process)`);
  console.log(`  heap used         ${mib(after.heapUsed)} (was ${mib(before.heapUsed)} before)`);
}

/** A common library's full process listing, for scale. One cold call: the library caches later ones. */
async function peerProcessList(): Promise<void> {
  const si = await import('systeminformation');
  const t0 = performance.now();
  const n = (await si.processes()).list.length;
  console.log(`For scale: systeminformation.processes() lists ${n} processes in ${ms(performance.now() - t0)} (one cold call)`);
}

async function main(): Promise<void> {
  await thisMachine();
  await peerProcessList();
  await recordedMachine();
  console.log(`Peak RSS of this process: ${mib(process.resourceUsage().maxRSS * 1024)}`);
}

void main();
