import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../../src/core/checks/banned-app/probe';
import { currentUserUninstallProbe, machineUninstallProbe, machineWow64UninstallProbe, otherUsersUninstallProbe } from '../../../../src/core/checks/banned-app/windows/uninstall-probes';
import { productCodeOf } from '../../../../src/core/checks/banned-app/windows/uninstall-entries';
import { HKCU, HKLM64, hku, PROFILE_LIST, regMissing, regS, SID_NGUYEN, SID_TRAN, windowsCommands, windowsContext, zoom } from './windows-host';

const hitsOf = (r: ProbeResult) => (r.status === 'ran' ? r.hits : []);

describe('Uninstall keys per machine', () => {
  it('finds Zoom Workplace (MSI, 64-bit view), the Outlook plugin (by publisher), Zoom Rooms and VDI as separate installs', async () => {
    const { ctx } = windowsContext();
    const r = await machineUninstallProbe.run(ctx, zoom);
    expect(r.status).toBe('ran');
    const names = hitsOf(r).map((h) => h.evidence.data?.displayName);
    expect(names).toEqual(['Zoom Workplace (64-bit)', 'ZoomOutlookPlugin', 'Zoom Rooms', 'Zoom VDI Universal Plugin']);
    expect(new Set(hitsOf(r).map((h) => h.install)).size).toBe(4);
    const workplace = hitsOf(r)[0]!;
    expect(workplace).toMatchObject({
      kind: 'installed',
      install: `registry:${HKLM64}\\{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}`,
      remediation: 'uninstall.windows-registry',
      evidence: { kind: 'registry', version: '6.1.43316' },
    });
    expect(workplace.evidence.data).toEqual({
      hive: 'HKLM',
      view: '64',
      keyName: '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}',
      key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}',
      scope: 'machine',
      displayName: 'Zoom Workplace (64-bit)',
      displayVersion: '6.1.43316',
      publisher: 'Zoom',
      uninstallString: 'MsiExec.exe /X{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}',
      windowsInstaller: '1',
      productCode: '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}',
    });
    expect(hitsOf(r)[2]!.evidence.data).toMatchObject({ installLocation: 'C:\\Program Files\\ZoomRooms', uninstallString: '"C:\\Program Files\\ZoomRooms\\uninstall\\Installer.exe" /uninstall' });
    expect(hitsOf(r)[2]!.evidence.data?.productCode).toBeUndefined();
  });

  it('never flags names that merely contain "zoom" (ZoomIt, Zoomify, Zoomerang, Loom)', async () => {
    const { ctx } = windowsContext();
    const all = [...hitsOf(await machineUninstallProbe.run(ctx, zoom)), ...hitsOf(await machineWow64UninstallProbe.run(ctx, zoom))];
    const shown = all.map((h) => `${h.evidence.data?.displayName} ${h.evidence.data?.publisher}`).join('\n');
    expect(shown).not.toMatch(/ZoomIt|Zoomify|Zoomerang|Loom|Sysinternals/);
    expect(all).toHaveLength(5);
  });

  it('finds the 5.x MSI Zoom(64bit) in WOW6432Node with its product code from the key name', async () => {
    const { ctx } = windowsContext();
    const [hit] = hitsOf(await machineWow64UninstallProbe.run(ctx, zoom));
    expect(hit!.evidence.data).toMatchObject({ displayName: 'Zoom(64bit)', view: '32', hive: 'HKLM', productCode: '{3F2E1D0C-9B8A-4765-8432-10FEDCBA9876}', installLocation: 'C:\\Program Files\\Zoom\\' });
  });

  it('reads the product code from MsiExec /X or /I when the key is not a GUID', () => {
    expect(productCodeOf('Zoom', 'MsiExec.exe /X{6fc53f6b-cc58-43a0-b23e-84b95825cbfe}')).toBe('{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}');
    expect(productCodeOf('Zoom', '"C:\\Windows\\System32\\msiexec.exe" /I {6FC53F6B-CC58-43A0-B23E-84B95825CBFE}')).toBe('{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}');
    expect(productCodeOf('ZoomUMX', '"C:\\Users\\a\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe" /uninstall')).toBeUndefined();
  });

  it('is clean, not unknown, when an Uninstall root does not exist', async () => {
    const { ctx } = windowsContext({ commands: windowsCommands([regMissing(HKLM64)]) });
    expect(await machineUninstallProbe.run(ctx, zoom)).toEqual({ status: 'ran', looked: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall', hits: [] });
  });

  it('is unknown with the reason when reg is missing, hangs or prints garbage', async () => {
    const missing = windowsContext({ commands: [] }).ctx;
    expect(await machineUninstallProbe.run(missing, zoom)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.toolMissing', params: { tool: 'reg' } } });
    const hung = windowsContext({ commands: windowsCommands([{ ...regS(HKLM64, ''), error: 'timeout' }]) }).ctx;
    expect(await machineUninstallProbe.run(hung, zoom)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.timeout' } });
    const garbage = windowsContext({ commands: windowsCommands([regS(HKLM64, '\uFFFD\uFFFD\u0003 ??? \r\n')]) }).ctx;
    expect(await machineUninstallProbe.run(garbage, zoom)).toMatchObject({ status: 'unknown', looked: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall', reason: { key: 'common:reason.garbled' } });
    // The other roots are read on their own and still answer.
    expect((await machineWow64UninstallProbe.run(garbage, zoom)).status).toBe('ran');
  });
});

describe('Uninstall keys per user', () => {
  it('finds the current user ZoomUMX under HKCU, named through its SID', async () => {
    const { ctx } = windowsContext();
    const [hit] = hitsOf(await currentUserUninstallProbe.run(ctx, zoom));
    expect(hit).toMatchObject({ install: `registry:${hku(SID_NGUYEN)}\\ZoomUMX`, source: `HKCU\\${'Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall'}\\ZoomUMX`, evidence: { version: '6.1.11 (47183)' } });
    expect(hit!.evidence.data).toMatchObject({ hive: 'HKCU', scope: 'user', sid: SID_NGUYEN, keyName: 'ZoomUMX', uninstallString: '"C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe" /uninstall' });
  });

  it('finds other users ZoomUMX under HKU\\SID and does not count the current user twice', async () => {
    const { ctx } = windowsContext();
    const hits = hitsOf(await otherUsersUninstallProbe.run(ctx, zoom));
    expect(hits.map((h) => h.install)).toEqual([`registry:${hku(SID_TRAN)}\\ZoomUMX`]);
    expect(hits[0]!.evidence.data).toMatchObject({ hive: `HKU\\${SID_TRAN}`, sid: SID_TRAN, scope: 'user', displayName: 'Zoom', displayVersion: '5.13.7 (12602)' });
  });

  it('tells its own hive by its content when ProfileList cannot be read', async () => {
    const { ctx } = windowsContext({ commands: windowsCommands([{ ...regS(PROFILE_LIST, ''), error: 'timeout' }]) });
    const mine = hitsOf(await currentUserUninstallProbe.run(ctx, zoom));
    const others = hitsOf(await otherUsersUninstallProbe.run(ctx, zoom));
    expect(mine.map((h) => h.install)).toEqual([`registry:${hku(SID_NGUYEN)}\\ZoomUMX`]);
    expect(others.map((h) => h.install)).toEqual([`registry:${hku(SID_TRAN)}\\ZoomUMX`]);
  });

  it('skips service SIDs, .DEFAULT and _Classes hives', async () => {
    const { ctx, host } = windowsContext();
    await otherUsersUninstallProbe.run(ctx, zoom);
    const asked = host.calls.filter((c) => c[2]?.startsWith('HKEY_USERS\\')).map((c) => c[2]!.split('\\')[1]);
    expect(asked.sort()).toEqual([SID_NGUYEN, SID_TRAN]);
  });

  it('is unknown when another user hive is denied and nothing was found elsewhere', async () => {
    const denied = { ...regS(hku(SID_TRAN), ''), exitCode: 1, stderr: 'ERROR: Access is denied.\r\n' };
    const { ctx } = windowsContext({ commands: windowsCommands([denied]) });
    expect(await otherUsersUninstallProbe.run(ctx, zoom)).toMatchObject({ status: 'unknown', looked: `HKU\\${SID_TRAN}\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall`, reason: { key: 'common:reason.permission' } });
  });

  it('is unknown when the loaded hives cannot be listed', async () => {
    const { ctx } = windowsContext({ commands: windowsCommands([{ argv: ['reg', 'query', 'HKU'], stdout: 'HKEY_USERS\\S-1-5-21-1\r\nHKEY_USERS\\S-1-5-21-2' }]) });
    const r = await otherUsersUninstallProbe.run(ctx, zoom);
    expect(r).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
    expect(HKCU).toContain('HKEY_CURRENT_USER');
  });

  it('marks evidence whose paths lost letters, so a removal plan does not trust them blindly', async () => {
    const wine = (await import('./windows-host')).fixture('reg-hkcu-uninstall.txt').replace(/Nguyễn/g, 'Nguy?n');
    const { ctx } = windowsContext({ commands: windowsCommands([regS(HKCU, wine)]) });
    const [hit] = hitsOf(await currentUserUninstallProbe.run(ctx, zoom));
    expect(hit!.evidence.data).toMatchObject({ lossy: '1', uninstallString: '"C:\\Users\\Nguy?n\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe" /uninstall' });
    const { ctx: clean } = windowsContext();
    expect((hitsOf(await currentUserUninstallProbe.run(clean, zoom))[0]!.evidence.data ?? {}).lossy).toBeUndefined();
  });
});
