import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { capture } from '../helpers/capture-io';
import { DPKG_ARGV } from '../../src/core/checks/banned-app/linux/dpkg';
import { CHECK_IDS, defaultChecks } from '../../src/core/checks/default-checks';
import { selectChecks } from '../../src/core/engine';
import { FixtureHost } from '../../src/core/host/fixture-host';
import type { Report } from '../../src/shared/report';

// A Debian 12 PC with Zoom installed by its .deb.
const host = new FixtureHost({
  platform: 'linux',
  homedir: '/home/an',
  hostname: 'may-01',
  files: { '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n', '/var/lib/dpkg/status': '' },
  commands: [{ argv: DPKG_ARGV, stdout: 'zoom\t6.2.5.2440\tamd64\tinstall ok installed\n' }],
});
const now = () => new Date('2026-11-25T08:00:00Z');

async function json(argv: string[]): Promise<{ code: number; report: Report }> {
  const io = capture();
  const code = await main([...argv, '--json'], { io, host, now });
  expect(io.stderr).toBe('');
  return { code, report: JSON.parse(io.stdout) as Report };
}

describe('check --only', () => {
  it('the core selects one check by id, all without a name, none for an unknown name', () => {
    const all = defaultChecks();
    expect(all.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(selectChecks(all, undefined)).toBe(all);
    expect(selectChecks(all, 'os-patch')?.map((c) => c.id)).toEqual(['os-patch']);
    expect(selectChecks(all, 'zoom')).toBeNull();
  });

  it('banned-app: only Zoom is looked for; the report says which checks ran, and the exit code is its own', async () => {
    const full = await json(['check']);
    expect(full.report.checks).toEqual(['banned-app', 'os-patch', 'browser-patch', 'online-app', 'installer-origin']);
    const only = await json(['check', '--only', 'banned-app']);
    expect(only.report.checks).toEqual(['banned-app']);
    expect(new Set(only.report.findings.map((f) => f.check))).toEqual(new Set(['banned-app']));
    expect(only.report.findings.some((f) => f.status === 'violation')).toBe(true);
    expect(only.code).toBe(2);
    expect(only.report.findings).toEqual(full.report.findings.filter((f) => f.check === 'banned-app'));
  });

  it('os-patch: only the operating system is judged', async () => {
    const { report, code } = await json(['--only=os-patch']);
    expect(report.checks).toEqual(['os-patch']);
    expect(new Set(report.findings.map((f) => f.check))).toEqual(new Set(['os-patch']));
    expect(code).not.toBe(2);
  });

  it('the text report says in words which part was checked, and nothing of that when all ran', async () => {
    const vi = capture();
    await main(['check', '--only', 'banned-app'], { io: vi, host, now });
    expect(vi.stdout).toContain('Chỉ thực hiện phần kiểm tra: phần mềm bị cấm sử dụng (điểm 1)');
    expect(vi.stdout).not.toContain('banned-app');
    const en = capture();
    await main(['check', '--only', 'os-patch', '--lang', 'en'], { io: en, host, now });
    expect(en.stdout).toContain('Only this part was checked: operating system patches (point 2)');
    const all = capture();
    await main(['check', '--lang', 'en'], { io: all, host, now });
    expect(all.stdout).not.toContain('Only this part was checked');
  });

  it.each([['zoom'], ['__proto__'], ['constructor'], ['banned-app,os-patch']])('--only %s is bad usage (exit 64) naming the choices', async (value) => {
    const io = capture();
    expect(await main(['check', '--only', value, '--lang', 'en'], { io, host, now })).toBe(64);
    expect(io.stderr).toContain(`Error: There is no check «${value}»; use one of: banned-app, os-patch, browser-patch, online-app, installer-origin.`);
    expect(io.stdout).toBe('');
  });

  it('is an option of check only', async () => {
    const io = capture();
    expect(await main(['fix', 'zoom', '--only', 'banned-app', '--lang', 'en'], { io, host, now })).toBe(64);
    expect(io.stderr).toContain('There is no option «--only»');
  });
});
