import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../../src/core/catalog/builtin-catalog';
import { editionFamily, windowsLevel, windowsLifecycle } from '../../../src/core/checks/os-patch/windows-lifecycle';
import { HOTFIX_ARGV, parseHotfix } from '../../../src/core/checks/os-patch/windows-probe';
import { CURRENT_VERSION_KEY } from '../../../src/core/checks/os-patch/windows-probe';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { byTitle, rec, runOsPatch, scenarioCatalog, summary, windowsHost } from './fixtures';

describe('os-patch on Windows (recorded reg query outputs)', () => {
  it('Windows 10 22H2 Pro after 2025-10-14 without ESU updates is a violation with the end date', async () => {
    const f = await runOsPatch(windowsHost('win10-22h2-pro-6456'), '2025-11-01T08:00:00Z');
    const eol = byTitle(f, 'patch:eol.title');
    expect(eol?.status).toBe('violation');
    expect(eol?.advisoryPoint).toBe(2);
    expect(eol?.title.params).toMatchObject({ ended: '14/10/2025' });
    expect(String(eol?.title.params?.os)).toContain('Windows 10 Professional 22H2 (build 19045.6456)');
  });

  it('Windows 10 22H2 the day before the end is still supported', async () => {
    const f = await runOsPatch(windowsHost('win10-22h2-pro-6456'), '2025-10-14T20:00:00Z');
    expect(summary(f)).toEqual(['ok patch:ok.current']);
    expect(f[0]!.title.params).toMatchObject({ until: '14/10/2025' });
  });

  it('Windows 10 22H2 with an ESU-only update is supported until the consumer ESU end, then ends', async () => {
    const during = await runOsPatch(windowsHost('win10-22h2-pro-esu-7548'), '2026-08-01T00:00:00Z');
    expect(summary(during)).toEqual(['ok patch:ok.current']);
    expect(during[0]!.title.params).toMatchObject({ until: '13/10/2026' });
    const after = await runOsPatch(windowsHost('win10-22h2-pro-esu-7548'), '2026-11-25T00:00:00Z');
    expect(byTitle(after, 'patch:eol.title')?.title.params).toMatchObject({ ended: '13/10/2026' });
  });

  it('Windows 11 23H2 Home after 2025-11-11 is a violation; Enterprise on the same day is not', async () => {
    const home = await runOsPatch(windowsHost('win11-23h2-home-7376'), '2026-01-15T00:00:00Z');
    expect(byTitle(home, 'patch:eol.title')).toMatchObject({ status: 'violation', title: { params: { ended: '11/11/2025' } } });
    const ent = await runOsPatch(windowsHost('win11-23h2-enterprise-7376'), '2026-01-15T00:00:00Z');
    expect(ent.some((x) => x.status === 'violation')).toBe(false);
    expect(byTitle(ent, 'patch:ok.current')?.title.params).toMatchObject({ until: '10/11/2026' });
  });

  it('Windows 11 24H2 at the latest known UBR is ok although ProductName says "Windows 10 Pro"', async () => {
    const f = await runOsPatch(windowsHost('win11-24h2-pro-8894'), '2026-08-01T00:00:00Z');
    expect(summary(f)).toEqual(['ok patch:ok.current']);
    expect(String(f[0]!.title.params?.os)).toMatch(/^Windows 11 /);
    const os = f[0]!.evidence.find((e) => e.kind === 'os');
    expect(os?.data).toMatchObject({ product: 'Windows 11', build: '26100', ubr: '8894', productName: 'Windows 10 Pro', editionFamily: 'homePro' });
    expect(f[0]!.evidence.find((e) => e.kind === 'catalog')?.version).toBe(scenarioCatalog().asOf);
    expect(f[0]!.evidence.some((e) => e.data?.kb === 'KB5121767')).toBe(true);
  });

  it('Windows 11 24H2 behind by more than maxBehindDays is a warning; within the limit it is ok', async () => {
    const behind = await runOsPatch(windowsHost('win11-24h2-pro-4061'), '2026-09-01T00:00:00Z');
    const w = byTitle(behind, 'patch:behind.title');
    expect(w?.status).toBe('warning');
    expect(w?.title.params).toMatchObject({ installed: '26100.4061', latest: '26100.8894 (KB5121767)', count: 49 });
    const soon = await runOsPatch(windowsHost('win11-24h2-pro-4061'), '2026-07-30T00:00:00Z');
    // ok, but it says how far behind it is: it never claims to have the latest update.
    expect(summary(soon)).toEqual(['ok patch:ok.within']);
    expect(soon[0]!.title.params).toMatchObject({ count: 16, maxBehindDays: 30 });
  });

  it('a stale catalog says so in the finding, with the catalog date', async () => {
    const f = await runOsPatch(windowsHost('win11-24h2-pro-4061'), '2026-10-01T00:00:00Z');
    const w = byTitle(f, 'patch:behind.title');
    expect(w?.detail?.key).toBe('patch:behind.detailStale');
    expect(w?.detail?.params).toMatchObject({ asOf: '18/07/2026', maxDays: 60 });
    const ok = await runOsPatch(windowsHost('win11-24h2-pro-8894'), '2026-10-01T00:00:00Z');
    expect(ok[0]!.title.key).toBe('patch:ok.current');
    expect(ok[0]!.detail).toMatchObject({ key: 'patch:ok.staleDetail', params: { asOf: '18/07/2026', maxDays: 60 } });
    expect(ok[0]!.action?.key).toBe('patch:ok.staleAction');
  });

  it('reports a pending restart and Windows Update turned off by policy as warnings', async () => {
    const f = await runOsPatch(windowsHost('win11-24h2-pro-8894', { reboot: true, noAutoUpdate: true }), '2026-08-01T00:00:00Z');
    expect(summary(f).sort()).toEqual(['ok patch:ok.current', 'warning patch:reboot.title', 'warning patch:updatesDisabled.title']);
  });

  const policyText = (values: string): string => `\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU\r\n${values}\r\n`;

  it.each([
    ['NoAutoUpdate = 0', { stdout: policyText('    NoAutoUpdate    REG_DWORD    0x0') }],
    ['the key without NoAutoUpdate', { stdout: policyText('    AUOptions    REG_DWORD    0x4') }],
    ['an empty key', { stdout: '\r\n' }],
  ])('a Windows Update policy with %s leaves updates on: no warning, no unknown', async (_name, policy) => {
    const f = await runOsPatch(windowsHost('win11-24h2-pro-8894', { policy }), '2026-08-01T00:00:00Z');
    expect(summary(f)).toEqual(['ok patch:ok.current']);
  });

  it.each([
    ['garbled output', { stdout: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU\r\n\u0000\u0013NoAuto\uFFFD\r\n' }, 'common:reason.garbled'],
    ['output cut off', { stdout: policyText('    NoAutoUpdate    REG_DWORD    0x1').slice(0, 70) }, 'common:reason.garbled'],
    ['NoAutoUpdate as text', { stdout: policyText('    NoAutoUpdate    REG_SZ    1') }, 'common:reason.garbled'],
    ['NoAutoUpdate an unknown number', { stdout: policyText('    NoAutoUpdate    REG_DWORD    0x5') }, 'common:reason.garbled'],
    ['access denied', { exitCode: 1, stderr: 'ERROR: Access is denied.\r\n' }, 'common:reason.permission'],
    ['a hang', { error: 'timeout' as const }, 'common:reason.timeout'],
  ])('a Windows Update policy key with %s is unknown with the reason, never read as "updates on"', async (_name, policy, reason) => {
    const f = await runOsPatch(windowsHost('win11-24h2-pro-8894', { policy }), '2026-08-01T00:00:00Z');
    expect(summary(f).sort()).toEqual(['ok patch:ok.current', 'unknown patch:unknown.updatePolicy']);
    expect(byTitle(f, 'patch:unknown.updatePolicy')).toMatchObject({ status: 'unknown', reason: { key: reason }, action: { key: 'patch:unknown.action.win32' } });
  });

  it('a build the catalog does not know is unknown, never a violation', async () => {
    const f = await runOsPatch(windowsHost('win11-insider-27788'), '2026-08-01T00:00:00Z');
    expect(f.some((x) => x.status === 'violation' || x.status === 'ok')).toBe(false);
    expect(byTitle(f, 'patch:unknown.lifecycle')?.reason).toEqual({ key: 'patch:reason.unknownBuild', params: { build: 27788 } });
  });

  it('an old Windows 10 build not in the catalog ends with the whole product', async () => {
    const f = await runOsPatch(windowsHost('win10-1909-pro-1256'), '2026-01-01T00:00:00Z');
    expect(byTitle(f, 'patch:eol.title')?.title.params).toMatchObject({ ended: '14/10/2025' });
  });

  it('an edition it cannot place is unknown between the two end dates', async () => {
    expect(editionFamily('ServerDatacenterEval')).toBe('unknown');
    const lc = windowsLifecycle(builtinCatalog(), 22631, 7376, 'unknown', new Date('2026-01-15T00:00:00Z'));
    expect(lc).toEqual({ kind: 'unknown', reason: { key: 'patch:reason.unknownEdition' } });
    const f = await runOsPatch(windowsHost('win11-24h2-oddedition-8894'), '2026-08-01T00:00:00Z');
    expect(summary(f)).toEqual(['ok patch:ok.current']);
  });

  it('without a UBR the level is unknown', () => {
    expect(windowsLevel(builtinCatalog(), 26100, undefined, false, new Date('2026-08-01'))).toEqual({ kind: 'unknown', reason: { key: 'patch:reason.noUbr' } });
  });

  it.each([
    ['garbled output', { stdout: rec('windows/reg-currentversion.garbled.txt') }, 'common:reason.garbled'],
    ['empty output', { stdout: '' }, 'common:reason.garbled'],
    ['no CurrentBuild value', { stdout: rec('windows/reg-currentversion.no-build.txt') }, 'common:reason.garbled'],
    ['a hang', { error: 'timeout' as const }, 'common:reason.timeout'],
    ['access denied', { exitCode: 1, stderr: 'ERROR: Access is denied.\r\n' }, 'common:reason.permission'],
  ])('%s of reg query gives an unknown with the reason', async (_name, answer, reason) => {
    const host = new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\an', commands: [{ argv: ['reg', 'query', CURRENT_VERSION_KEY], ...answer }] });
    const f = await runOsPatch(host, '2026-08-01T00:00:00Z');
    expect(summary(f)).toEqual(['unknown patch:unknown.os']);
    expect(f[0]!.reason?.key).toBe(reason);
  });

  it('reads the last installed update from Get-HotFix and says unknown when it cannot', async () => {
    expect(parseHotfix(rec('windows/get-hotfix.txt'))).toEqual({ kb: 'KB5121767', date: '2026-07-19' });
    expect(parseHotfix(rec('windows/get-hotfix.empty.txt'))).toBeNull();
    expect(parseHotfix('Get-HotFix : Quyền truy cập bị từ chối\r\n')).toBeNull();
    const f = await runOsPatch(windowsHost('win11-24h2-pro-8894', { hotfix: { argv: [...HOTFIX_ARGV], error: 'timeout' } }), '2026-08-01T00:00:00Z');
    expect(f[0]!.evidence.find((e) => e.data?.probe === 'Get-HotFix')?.detail).toMatch(/unknown \(Get-HotFix: timeout\)/);
    expect(f[0]!.evidence.find((e) => e.data?.probe === 'Get-HotFix')?.label).toEqual({ key: 'patch:evidence.lastUpdateUnknown', params: { why: 'timeout' } });
    const undated = await runOsPatch(windowsHost('win11-24h2-pro-8894', { hotfix: { argv: [...HOTFIX_ARGV], stdout: rec('windows/get-hotfix.empty.txt') } }), '2026-08-01T00:00:00Z');
    expect(undated[0]!.evidence.find((e) => e.data?.probe === 'Get-HotFix')?.label).toEqual({ key: 'patch:evidence.lastUpdateUndated' });
    const dated = await runOsPatch(windowsHost('win11-24h2-pro-8894'), '2026-08-01T00:00:00Z');
    expect(dated[0]!.evidence.find((e) => e.data?.probe === 'Get-HotFix')?.label).toEqual({ key: 'patch:evidence.lastUpdate', params: { kb: 'KB5121767', date: '19/07/2026' } });
  });
});
