// Messenger, TrueConf and GoTo Meeting on a recorded Windows PC, their Uninstall keys and Store package as the public
// winget manifests and Store records give them (docs/online-apps.md, «The list and where each identifier comes
// from»): each is a notice of its own app; LogMeIn's other products (LastPass) and Facebook's Workplace Chat are not
// taken for GoTo Meeting or Messenger.
import { describe, expect, it } from 'vitest';
import { APPX_ARGV } from '../../../src/core/checks/banned-app/windows/msix-probe';
import { windowsProbes } from '../../../src/core/checks/banned-app/windows/windows-probes';
import { onlineAppCheck } from '../../../src/core/checks/online-app/online-app-check';
import { exitCodeFor } from '../../../src/core/engine';
import { FixtureHost, type FixtureCommand } from '../../../src/core/host/fixture-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Finding } from '../../../src/shared/finding';
import { ENV, HKCU, HKLM32, HKLM64, fixture, regS, windowsCommands, windowsFiles } from '../banned-app/windows/windows-host';

/** One Uninstall key as `reg query /s` prints it. */
function key(root: string, name: string, values: Readonly<Record<string, string>>): string {
  return `${root}\\${name}\r\n${Object.entries(values).map(([n, v]) => `    ${n}    REG_SZ    ${v}`).join('\r\n')}\r\n\r\n`;
}

// Meta.Messenger 215.6.643112060 (winget): per-user electron-builder install, ProductCode = the key's name.
const MESSENGER = key(HKCU, 'c1b3adcf-2068-5e8d-b25d-30ce588e3a4c', { DisplayName: 'Messenger', DisplayVersion: '215.6.643112060', Publisher: 'Facebook, Inc.', UninstallString: '"C:\\Users\\Nguyễn\\AppData\\Local\\Programs\\Messenger\\Uninstall Messenger.exe" /currentuser' });
// GoTo.GoTo 4.20.3 (winget): per-user NSIS install, ProductCode b5746384-….
const GOTO_APP = key(HKCU, 'b5746384-3503-4fbf-824a-0a42d1bd0639', { DisplayName: 'GoTo', DisplayVersion: '4.20.3', Publisher: 'GoTo Group, Inc.' });
// TrueConf.TrueConf 8.5.5.173 (winget): per-machine WiX MSI, ProductCode {50698F7D-…}, locale Publisher «TrueConf».
const TRUECONF = key(HKLM64, '{50698F7D-41A9-43DC-999C-874C7824ADB8}', { DisplayName: 'TrueConf', DisplayVersion: '8.5.5.173', Publisher: 'TrueConf', UninstallString: 'MsiExec.exe /X{50698F7D-41A9-43DC-999C-874C7824ADB8}' });
// Another TrueConf version: a product code the policy does not list, found by its publisher.
const TRUECONF_OLD = key(HKLM64, '{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}', { DisplayName: 'TrueConf', DisplayVersion: '8.4.5', Publisher: 'TrueConf' });
// GoTo.GoToMeeting 10.19.0.19950 (winget): 32-bit MSI, ProductCode {FEF33398-…}, locale Publisher «LogMeIn, Inc.».
const GOTOMEETING = key(HKLM32, '{FEF33398-AA67-4B29-8594-4F695B8FDF76}', { DisplayName: 'GoToMeeting 10.19.0.19950', DisplayVersion: '10.19.0.19950', Publisher: 'LogMeIn, Inc.' });
// Look-alikes: LastPass (same publisher as GoToMeeting) and Workplace Chat (same publisher as Messenger).
const LASTPASS = key(HKLM32, 'LastPass', { DisplayName: 'LastPass (uninstall only)', DisplayVersion: '4.125.0.148', Publisher: 'LogMeIn, Inc.' });
const WORKPLACE_CHAT = key(HKCU, 'workplace-desktop', { DisplayName: 'Workplace Chat', DisplayVersion: '202.0.0.1.225', Publisher: 'Facebook, Inc.' });

// The Microsoft Store's Messenger: package family FACEBOOK.317180B0BB486_8xx8rvfyw5nnt.
const APPX_MESSENGER = '{"allUsers":true,"packages":[{"Name":"Microsoft.WindowsCalculator","PackageFullName":"Microsoft.WindowsCalculator_11.2405.2.0_x64__8wekyb3d8bbwe","Version":"11.2405.2.0"},{"Name":"FACEBOOK.317180B0BB486","PackageFullName":"FACEBOOK.317180B0BB486_2290.1.0.0_x64__8xx8rvfyw5nnt","Version":"2290.1.0.0"}]}\r\n';

function pc(over: readonly FixtureCommand[]): FixtureHost {
  return new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\Nguyễn', env: ENV, files: windowsFiles({}), commands: windowsCommands(over) });
}

async function notices(over: readonly FixtureCommand[]): Promise<Finding[]> {
  const found = await onlineAppCheck({ linux: [], darwin: [], win32: windowsProbes }).run({ host: pc(over), policy: builtinPolicy(), now: new Date('2026-12-01T08:00:00Z') });
  expect(found.some((f) => f.status === 'violation' || f.status === 'warning' || f.status === 'unknown')).toBe(false);
  return found.filter((f) => f.status === 'notice');
}

const hkcu = (...keys: string[]): FixtureCommand => regS(HKCU, `${fixture('reg-hkcu-uninstall.txt')}\r\n${keys.join('')}`);
const hklm64 = (...keys: string[]): FixtureCommand => regS(HKLM64, `${fixture('reg-hklm-uninstall-64.txt')}\r\n${keys.join('')}`);
const hklm32 = (...keys: string[]): FixtureCommand => regS(HKLM32, `${fixture('reg-hklm-uninstall-wow64.txt')}\r\n${keys.join('')}`);

describe('the online apps the Công văn names, on Windows', () => {
  it('Messenger (per-user, by its product code) and GoTo (per-user) are notices of their apps, naming product and version', async () => {
    const found = await notices([hkcu(MESSENGER, GOTO_APP)]);
    expect(found.map((f) => [f.app, f.title.params?.['product']])).toEqual(
      expect.arrayContaining([
        ['messenger', 'Messenger 215.6.643112060'],
        ['goto-meeting', 'GoTo 4.20.3'],
      ]),
    );
    expect(found).toHaveLength(2);
    for (const f of found) expect(f).toMatchObject({ check: 'online-app', advisoryPoint: 3, alsoPoints: [4], severity: 'info' });
    expect(exitCodeFor(found)).toBe(0);
  });

  it('TrueConf by its product code and, another version, by its publisher; GoToMeeting by its MSI product code', async () => {
    const found = await notices([hklm64(TRUECONF, TRUECONF_OLD), hklm32(GOTOMEETING)]);
    const byApp = (id: string): string[] => found.filter((f) => f.app === id).map((f) => String(f.title.params?.['product'])).sort();
    expect(byApp('trueconf')).toEqual(['TrueConf 8.4.5', 'TrueConf 8.5.5.173']);
    expect(byApp('goto-meeting')).toEqual(['GoToMeeting 10.19.0.19950']);
    expect(found.find((f) => f.app === 'trueconf' && f.title.params?.['product'] === 'TrueConf 8.5.5.173')!.evidence.some((e) => e.kind === 'registry' && e.path?.endsWith('{50698F7D-41A9-43DC-999C-874C7824ADB8}'))).toBe(true);
  });

  it('the Store\'s Messenger is a notice by its package name', async () => {
    const found = await notices([{ argv: APPX_ARGV, stdout: APPX_MESSENGER }]);
    expect(found.map((f) => f.app)).toEqual(['messenger']);
    expect(found[0]!.evidence.some((e) => JSON.stringify(e).includes('FACEBOOK.317180B0BB486_2290.1.0.0_x64__8xx8rvfyw5nnt'))).toBe(true);
  });

  it('LastPass (LogMeIn, Inc.) is not GoTo Meeting, Workplace Chat (Facebook, Inc.) is not Messenger: no notice, one ok', async () => {
    const over = [hklm32(LASTPASS), hkcu(WORKPLACE_CHAT)];
    expect(await notices(over)).toEqual([]);
    const all = await onlineAppCheck({ linux: [], darwin: [], win32: windowsProbes }).run({ host: pc(over), policy: builtinPolicy(), now: new Date('2026-12-01T08:00:00Z') });
    expect(all.map((f) => f.status)).toEqual(['ok']);
  });
});
