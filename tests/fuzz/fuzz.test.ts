// The fuzz harness (npm run fuzz) on a fixed seed, and proof that it would report what it exists to catch.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/core/checks/check';
import { defaultChecks } from '../../src/core/checks/default-checks';
import { DPKG_ARGV } from '../../src/core/checks/banned-app/linux/dpkg';
import { judgeMachine } from './judge-machine';
import { fuzzMachine, type FuzzMachine } from './machines';
import { machineSeed, randomFrom } from './random';

const ROOT = join(__dirname, '..', '..');

function fuzz(args: string[], env: Record<string, string> = {}): { status: number | null; out: { machines: number; withZoomSignal: number; crashes: number; hangs: number; falseOk: number; problems: { index: number; verdict: { crashes: string[]; hangs: string[]; falseOk: string | null } }[] } } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/fuzz.ts', '--json', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 600_000 });
  if (!r.stdout.trim()) throw new Error(`fuzz printed nothing (exit ${r.status}): ${r.stderr}`);
  return { status: r.status, out: JSON.parse(r.stdout) };
}

describe('npm run fuzz', () => {
  it('runs 300 machines of all three systems (seed 1981) with no crash, no hang and no false ok', () => {
    const { status, out } = fuzz(['--count', '300', '--seed', '1981']);
    expect(out.problems).toEqual([]);
    expect({ crashes: out.crashes, hangs: out.hangs, falseOk: out.falseOk, machines: out.machines }).toEqual({ crashes: 0, hangs: 0, falseOk: 0, machines: 300 });
    expect(out.withZoomSignal).toBeGreaterThan(60);
    expect(status).toBe(0);
  }, 600_000);

  it('reports a machine that blocks the event loop as a hang of that machine and goes on with the next', () => {
    const { status, out } = fuzz(['--count', '6', '--seed', '3', '--os', 'linux'], { ATTT_FUZZ_BLOCK_AT: '2', ATTT_FUZZ_WATCHDOG_MS: '15000' });
    expect(out.machines).toBe(6);
    expect(out.hangs).toBe(1);
    expect(out.problems.map((p) => p.index)).toEqual([2]);
    expect(status).toBe(1);
  }, 300_000);

  it('refuses a count that is not a whole number (exit 64)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/fuzz.ts', '--count', 'many'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('--count');
  });
});

describe('the machines', () => {
  it('are the same machine for the same (seed, index) and differ across indexes', () => {
    const a = JSON.stringify(fuzzMachine(randomFrom(machineSeed(5, 9))));
    expect(JSON.stringify(fuzzMachine(randomFrom(machineSeed(5, 9))))).toBe(a);
    expect(JSON.stringify(fuzzMachine(randomFrom(machineSeed(5, 10))))).not.toBe(a);
  });

  it('keep a planted signal exactly as a real install leaves it, and the check finds it', async () => {
    let seen = 0;
    for (let i = 0; i < 400 && seen < 5; i++) {
      const m = fuzzMachine(randomFrom(machineSeed(11, i)), 'linux');
      if (m.signal !== 'linux:dpkg') continue;
      seen++;
      const first = m.spec.commands!.find((c) => c.argv.join(' ') === DPKG_ARGV.join(' '))!;
      expect(first.stdout).toContain('zoom\t6.1.11.1545\tamd64\tinstall ok installed\n');
      expect(first.error).toBeUndefined();
      expect((await judgeMachine(m, 10_000)).falseOk).toBeNull();
    }
    expect(seen).toBe(5);
  });
});

describe('the judge of a machine', () => {
  const clean: FuzzMachine = { signal: null, spec: { platform: 'linux', homedir: '/home/u', files: { '/etc/os-release': 'ID=debian\nVERSION_ID="12"\n' } } };

  it('counts a check that throws as a crash', async () => {
    const throwing: Check = { id: 'boom', advisoryPoint: 1, run: () => Promise.reject(new Error('parse blew up')) };
    expect((await judgeMachine(clean, 10_000, [throwing])).crashes).toEqual([expect.stringContaining('parse blew up')]);
  });

  it('counts a check that runs past the limit as a hang', async () => {
    const hanging: Check = { id: 'slow', advisoryPoint: 1, run: () => new Promise(() => undefined) };
    expect((await judgeMachine(clean, 50, [hanging])).hangs).toHaveLength(1);
  });

  it('counts an ok for Zoom on a machine said to carry a signal as a false ok', async () => {
    // Nothing of Zoom is on this machine, so the real check says ok; claiming a signal must be caught.
    const verdict = await judgeMachine({ ...clean, signal: 'linux:dpkg', spec: { ...clean.spec, commands: [{ argv: DPKG_ARGV, stdout: 'bash\t5.2\tamd64\tinstall ok installed\n' }] } }, 10_000, defaultChecks());
    expect(verdict.falseOk).toBe('linux:dpkg');
  });
});
