/**
 * The machine's identity for fleet reports: through the Host (a fake one here, and one real call on this machine),
 * once per run, bounded in time; firmware placeholders and hostile strings never reach a report; a failure or a
 * time-out is `unknown` with the reason. Then into the JSON report's machine section and ECS host.id / host.os.*.
 */
import { describe, expect, it } from 'vitest';
import { msg, type Check } from '../../../src/core/checks/check';
import { runChecks } from '../../../src/core/engine';
import { ecsDocuments } from '../../../src/core/export/ecs';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import type { Host, RunResult } from '../../../src/core/host/host';
import { identityFrom, machineOf } from '../../../src/core/host/machine-identity';
import { onceHost } from '../../../src/core/host/once-host';
import { RealHost } from '../../../src/core/host/real-host';
import { parseWindowsIdentity, readWindowsMachineIdentity } from '../../../src/core/host/windows-machine-identity';
import { createTranslator } from '../../../src/core/i18n/translator';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { MACHINE_FIELDS, type MachineIdentity } from '../../../src/shared/machine';

const fixture = (): FixtureHost => new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\an', hostname: 'may-01', osRelease: '10.0.22631' });
/** A recorded machine that can also tell its identity, as the real one does; counts the reads. */
function withIdentity(read: () => Promise<MachineIdentity>): Host & { reads: number } {
  const h = fixture() as FixtureHost & { reads: number; machineIdentity: () => Promise<MachineIdentity> };
  h.reads = 0;
  h.machineIdentity = () => (h.reads++, read());
  return h;
}
const dell: MachineIdentity = { systemUuid: '4c4c4544-0042-3510-8052-b4c04f4d4e32', serial: 'B5RMN32', manufacturer: 'Dell Inc.', model: 'OptiPlex 7090', osName: 'Microsoft Windows 11 Pro', osVersion: '10.0.22631', osBuild: '22631' };

describe('machineOf', () => {
  it('reads the identity through the host: the UUID upper case (as osquery shows it), nothing unread', async () => {
    const m = await machineOf(withIdentity(async () => dell));
    expect(m).toEqual({ state: 'known', ...dell, systemUuid: '4C4C4544-0042-3510-8052-B4C04F4D4E32', unread: [] });
  });

  it("firmware placeholders are unread, with why; hostile strings lose their control characters; a UUID that is none is dropped", async () => {
    const m = await machineOf(
      withIdentity(async () => ({ systemUuid: '00000000-0000-0000-0000-000000000000', serial: 'To Be Filled By O.E.M.', manufacturer: 'ACME\n| violations=0\u202e', model: '-', osName: 'x'.repeat(500), osVersion: '12', osBuild: '' })),
    );
    expect(m).toEqual({ state: 'known', manufacturer: 'ACME | violations=0', osVersion: '12', unread: ['systemUuid', 'serial', 'model', 'osName', 'osBuild'], unreadReason: expect.stringMatching(/administrator/) });
  });

  it('a host that cannot read one (a recorded machine) is unknown with the reason', async () => {
    expect(await machineOf(fixture())).toEqual({ state: 'unknown', reason: expect.stringMatching(/cannot read a machine identity/) });
  });

  it('a probe that fails is unknown with its reason; one that hangs is unknown after the time limit', async () => {
    expect(await machineOf(withIdentity(async () => Promise.reject(new Error('dmidecode: permission denied'))))).toEqual({ state: 'unknown', reason: expect.stringMatching(/could not be read: dmidecode: permission denied/) });
    expect(await machineOf(withIdentity(() => new Promise(() => undefined)), 50)).toEqual({ state: 'unknown', reason: expect.stringMatching(/no answer within/) });
  });

  it('nothing readable at all is unknown, not an empty known', async () => {
    expect(await machineOf(withIdentity(async () => ({ serial: '-', model: 'Not Specified' })))).toMatchObject({ state: 'unknown', reason: expect.stringMatching(/nothing could be read/) });
  });

  it("systeminformation's answer on a container (empty UUID, '-' serial) as identityFrom reads it", () => {
    const id = identityFrom({ system: { manufacturer: '', model: 'Docker Container', serial: '-', uuid: '', virtual: true }, os: { distro: 'Debian GNU/Linux', release: '12', build: '' } });
    expect(id).toEqual({ model: 'Docker Container', osName: 'Debian GNU/Linux', osVersion: '12' });
  });

  it('RealHost reads it with the reader it is given (by default its own reads on Linux and Windows, systeminformation on macOS)', async () => {
    const host = new RealHost({ systemInfo: async () => ({ system: { manufacturer: 'LENOVO', model: '20XW', serial: 'PF2ABCDE', uuid: 'a1b2c3d4-0000-1111-2222-333344445555' }, os: { distro: 'Ubuntu', release: '24.04', build: '' } }) });
    expect(await machineOf(host)).toMatchObject({ state: 'known', systemUuid: 'A1B2C3D4-0000-1111-2222-333344445555', serial: 'PF2ABCDE', unread: ['osBuild'] });
  });

  it('one real call on this machine: known with string facts (the rest listed as unread), or unknown with a reason', async () => {
    const m = await machineOf(new RealHost());
    if (m.state === 'unknown') {
      expect(m.reason.length).toBeGreaterThan(0);
      return;
    }
    for (const f of MACHINE_FIELDS) {
      if (m.unread.includes(f)) expect(m[f]).toBeUndefined();
      else expect(typeof m[f]).toBe('string');
    }
    if (m.systemUuid) expect(m.systemUuid).toMatch(/^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/);
    expect(m.unread.length === 0 || typeof m.unreadReason === 'string').toBe(true);
  }, 30_000);
});

describe('in a check run', () => {
  const check: Check = { id: 'banned-app', advisoryPoint: 1, run: async () => [{ id: 'x', check: 'banned-app', status: 'ok', severity: 'low', advisoryPoint: 1, title: msg('x'), evidence: [] }] };
  const ctx = (host: Host) => ({ host, policy: builtinPolicy(), now: new Date('2026-11-25T08:00:00Z') });

  it('is read once per run however often asked (OnceHost), and again in the next run', async () => {
    const host = withIdentity(async () => dell);
    const once = onceHost(host);
    await Promise.all([once.machineIdentity!(), once.machineIdentity!()]);
    expect(host.reads).toBe(1);
    await runChecks(ctx(host), { checks: [check] });
    await runChecks(ctx(host), { checks: [check] });
    expect(host.reads).toBe(3);
  });

  it("goes into the report's machine section and ECS host.id, host.os.build, host.os.version, host.os.name", async () => {
    const report = await runChecks(ctx(withIdentity(async () => dell)), { checks: [check] });
    expect(report.machine).toMatchObject({ state: 'known', systemUuid: '4C4C4544-0042-3510-8052-B4C04F4D4E32', serial: 'B5RMN32', model: 'OptiPlex 7090' });
    const [doc] = ecsDocuments(report, createTranslator('en')) as { host: Record<string, unknown> & { os: Record<string, string> } }[];
    expect(doc!.host.id).toBe('4C4C4544-0042-3510-8052-B4C04F4D4E32');
    expect(doc!.host.os).toMatchObject({ build: '22631', version: '10.0.22631', name: 'Microsoft Windows 11 Pro', type: 'windows' });
  });

  it('a run whose identity fails still ends, with the machine unknown and why', async () => {
    const report = await runChecks(ctx(withIdentity(async () => Promise.reject(new Error('WMI not available')))), { checks: [check] });
    expect(report.machine).toEqual({ state: 'unknown', reason: expect.stringMatching(/WMI not available/) });
    const [doc] = ecsDocuments(report, createTranslator('en')) as { host: Record<string, unknown> }[];
    expect(doc!.host.id).toBeUndefined();
  });
});

describe('on Windows: one CIM query through the Host (not systeminformation, which changes the console code page)', () => {
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  function windowsHost(answer: Partial<RunResult>): Host & { argv: (readonly string[])[] } {
    const h = fixture() as FixtureHost & { argv: (readonly string[])[] };
    h.argv = [];
    h.run = async (argv) => (h.argv.push(argv), { argv, exitCode: 0, signal: null, stdout: '', stderr: '', durationMs: 1, ...answer });
    return h;
  }

  it('reads each value as base64 of its UTF-8, so no code page garbles it; by the System32 powershell.exe, as argv', async () => {
    const stdout = [`systemUuid=${b64('4c4c4544-0042-3510-8052-b4c04f4d4e32')}`, `serial=${b64('B5RMN32')}`, `manufacturer=${b64('Dell Inc.')}`, `model=${b64('OptiPlex 7090')}`, `osName=${b64('Microsoft Windows 11 Pro cho Giáo dục')}`, `osVersion=${b64('10.0.22631')}`, `osBuild=${b64('22631')}`, ''].join('\r\n');
    const host = windowsHost({ stdout });
    expect(await readWindowsMachineIdentity(host)).toEqual({ ...dell, osName: 'Microsoft Windows 11 Pro cho Giáo dục' });
    expect(host.argv[0]!.slice(0, 2)).toEqual(['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-NoProfile']);
    expect(host.argv[0]).toContain('-EncodedCommand');
  });

  it('PowerShell missing, failing or saying something else: unknown with the reason', async () => {
    const missing = windowsHost({ exitCode: null, error: { code: 'not-found', message: 'spawn powershell.exe ENOENT' } });
    const h = missing as Host & { machineIdentity?: () => Promise<MachineIdentity> };
    h.machineIdentity = () => readWindowsMachineIdentity(missing);
    expect(await machineOf(h)).toEqual({ state: 'unknown', reason: expect.stringMatching(/PowerShell could not run: spawn powershell\.exe ENOENT/) });
    await expect(readWindowsMachineIdentity(windowsHost({ exitCode: 1, stderr: 'Get-CimInstance : Access denied' }))).rejects.toThrow(/exit 1: Get-CimInstance : Access denied/);
    await expect(readWindowsMachineIdentity(windowsHost({ stdout: 'wine: could not load kernel32.dll' }))).rejects.toThrow(/no identity: wine: could not load/);
    expect(() => parseWindowsIdentity('systemUuid=not base64!\nother=QQ==')).toThrow(/no identity/);
  });
});
