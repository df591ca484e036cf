/**
 * The rig itself: a fresh prefix is Windows 10, confined to its temp folder, runs Windows Node, and
 * the keys the tests write are where Windows programs (reg.exe, node's child_process) look.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCli, NODE_WIN_PATH, runCli } from './rig/cli';
import { WinePrefix } from './rig/prefix';
import { importReg, queryReg } from './rig/registry';
import { wineAvailable } from './rig/wine';

describe.skipIf(!wineAvailable)('windows rig (wine)', () => {
  let prefix: WinePrefix;

  beforeAll(async () => {
    prefix = await WinePrefix.create();
    installCli(prefix);
  });
  afterAll(async () => {
    await prefix?.dispose();
  });

  it('makes a prefix that reports Windows 10 and has no way out to the Linux file system', async () => {
    const v = await queryReg(prefix, 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion');
    expect(v?.ProductName).toBe('Microsoft Windows 10');
    expect(Number(v?.CurrentBuild)).toBeGreaterThanOrEqual(10240);
    expect(readdirSync(join(prefix.dir, 'dosdevices'))).not.toContain('z:');
    const profile = join(prefix.driveC, 'users', prefix.userName);
    for (const name of readdirSync(profile)) expect(lstatSync(join(profile, name)).isSymbolicLink(), name).toBe(false);
  });

  it('runs Windows Node, which sees win32, %APPDATA% of the wine user and the registry through reg.exe', async () => {
    prefix.writeFile(
      'C:\\rig\\probe.js',
      [
        "const cp = require('child_process');",
        "const r = cp.spawnSync('reg', ['query', 'HKCU\\\\Software\\\\AtttRig', '/v', 'Marker'], { encoding: 'utf8' });",
        'console.log(JSON.stringify({ platform: process.platform, appData: process.env.APPDATA, reg: r.stdout, status: r.status }));',
      ].join('\n'),
    );
    await importReg(prefix, [{ path: 'HKCU\\Software\\AtttRig', values: { Marker: 'xin chào' } }]);
    const r = await prefix.run([NODE_WIN_PATH, 'C:\\rig\\probe.js'], { timeoutMs: 60_000 });
    expect(r.exitCode).toBe(0);
    const seen = JSON.parse(r.stdout) as { platform: string; appData: string; reg: string; status: number };
    expect(seen.platform).toBe('win32');
    expect(seen.appData).toBe(prefix.appDataWin);
    expect(seen.status).toBe(0);
    expect(seen.reg).toMatch(/Marker\s+REG_SZ\s+xin ch/);
  });

  it('writes the 32-bit view where /reg:32 reads it, and not into the 64-bit view', async () => {
    const key = 'HKLM\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{RIG-32}';
    await importReg(prefix, [{ path: key, values: { DisplayName: 'Rig 32', EstimatedSize: { dword: 42 } } }]);
    const in32 = await queryReg(prefix, 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{RIG-32}', 32);
    expect(in32).toEqual({ DisplayName: 'Rig 32', EstimatedSize: '0x2a' });
    expect(await queryReg(prefix, 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{RIG-32}', 64)).toBeNull();
  });

  it("keeps another user's HKU\\<SID> key while the prefix is idle (wine saves it to no file: one server serves the prefix throughout)", async () => {
    const key = 'HKU\\S-1-5-21-1004336348-1177238915-682003330-1009\\Software\\AtttRig';
    await importReg(prefix, [{ path: key, values: { Marker: 'loaded hive' } }]);
    // Longer than wine's default 3 s: a server that exited after its last process would take the key with it.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await queryReg(prefix, key)).toEqual({ Marker: 'loaded hive' });
  });

  it('runs the bundled CLI under Windows Node and passes its exit code through', async () => {
    const r = await runCli(prefix, ['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^attt-selfcheck \d+\.\d+\.\d+/);
    const bad = await runCli(prefix, ['no-such-command']);
    expect(bad.exitCode).toBe(64);
  });
});
