import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { capture } from '../helpers/capture-io';
import { FixtureHost } from '../../src/core/host/fixture-host';

const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', hostname: 'may-01' });
const now = () => new Date('2026-11-25T08:00:00Z');

describe('main (in process)', () => {
  it('prints the version and help', async () => {
    const io = capture();
    expect(await main(['--version'], { io, host, now })).toBe(0);
    expect(io.stdout).toMatch(/^attt-selfcheck \d+\.\d+\.\d+\n$/);
    const help = capture();
    expect(await main(['--help'], { io: help, host, now })).toBe(0);
    expect(help.stdout).toContain('Cách dùng: attt-selfcheck');
    const helpEn = capture();
    await main(['--help', '--lang', 'en'], { io: helpEn, host, now });
    expect(helpEn.stdout).toContain('Usage: attt-selfcheck');
  });

  it('rejects bad usage with exit 64, a short message and the usage on stderr, nothing on stdout', async () => {
    for (const argv of [['--bogus'], ['frobnicate'], ['check', 'extra'], ['--lang', 'fr']]) {
      const io = capture();
      expect(await main(argv, { io, host, now })).toBe(64);
      expect(io.stdout).toBe('');
      expect(io.stderr).toMatch(/^Lỗi: .+\n\nCách dùng:/);
      expect(io.stderr).not.toMatch(/at .+\(.+:\d+:\d+\)/);
    }
  });

  it('--json prints exactly one JSON document whose findings match the exit code', async () => {
    const io = capture();
    const code = await main(['check', '--json'], { io, host, now });
    const report = JSON.parse(io.stdout);
    expect(report.schemaVersion).toBe(3);
    expect(report.generatedAt).toBe('2026-11-25T08:00:00.000Z');
    const expected = report.summary.violation ? 2 : report.summary.warning ? 1 : report.summary.unknown ? 3 : 0;
    expect(code).toBe(expected);
    expect(io.stderr).toBe('');
  });
});

describe('CLI as a process', () => {
  const cli = join(__dirname, '..', '..', 'bin', 'attt-selfcheck.cjs');
  const dir = mkdtempSync(join(tmpdir(), 'attt-cli-'));

  it('bad arguments: exit 64, usage on stderr, no stack trace', () => {
    const r = spawnSync(process.execPath, [cli, '--nope'], { encoding: 'utf8' });
    expect(r.status).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Không có tùy chọn «--nope»');
    expect(r.stderr).not.toContain('    at ');
  });

  it('replays a recorded machine given by ATTT_SELFCHECK_FIXTURE, in English', () => {
    const fixture = join(dir, 'machine.json');
    writeFileSync(fixture, JSON.stringify({ platform: 'linux', homedir: '/home/an', hostname: 'fixture-pc' }));
    const r = spawnSync(process.execPath, [cli, 'check', '--lang', 'en'], { encoding: 'utf8', env: { ...process.env, ATTT_SELFCHECK_FIXTURE: fixture, ATTT_SELFCHECK_DATA_DIR: dir } });
    expect(r.stdout).toContain('INFORMATION SECURITY SELF-CHECK');
    expect(r.stdout).toContain('Computer: fixture-pc');
    expect([0, 1, 2, 3]).toContain(r.status);
  });

  it('a corrupt fixture file is a clear error, not a crash', () => {
    const fixture = join(dir, 'broken.json');
    writeFileSync(fixture, '{ not json');
    const r = spawnSync(process.execPath, [cli, 'check'], { encoding: 'utf8', env: { ...process.env, ATTT_SELFCHECK_FIXTURE: fixture } });
    // Bad input, not a fault of the program (tests/cli/fixture-file.test.ts has every kind).
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/^Lỗi: Không sử dụng được tệp dữ liệu máy tính ghi lại .*broken\.json/);
    expect(r.stderr).toContain('not JSON');
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('usage errors in the language asked for', () => {
  it('explains a bad option in English when --lang en is given', async () => {
    const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t), confirm: async () => false };
    expect(await main(['--bogus', '--lang', 'en'], { io, host: new FixtureHost({ platform: 'linux', homedir: '/h' }) })).toBe(64);
    expect(io.stderr).toMatch(/^Error: There is no option «--bogus»\.\n\nUsage:/);
  });
});
