/**
 * Where an installer came from, read by the Windows CLI under wine from the file's `Zone.Identifier` stream. Wine
 * (8.0) has no alternate data streams of its own: Windows Node writing `Setup.exe:Zone.Identifier` on a Linux folder
 * makes a second file of that name, listed beside it (the first test says so). So the profile's Downloads is then
 * made a real NTFS volume (an image made by mkntfs, mounted by ntfs-3g with `streams_interface=windows`): there the
 * same name is the file's named stream, as on Windows, and the CLI under wine reads it. Needs root and ntfs-3g for
 * that half; without them it says why and the stream is a plain file, which wine reads by the same call.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCli, NODE_WIN_PATH, runCli } from './rig/cli';
import { WinePrefix } from './rig/prefix';
import { importReg, windowsVersionKey } from './rig/registry';
import { wineAvailable } from './rig/wine';
import { currentWindows11 } from './rig/windows-versions';

/** What Edge writes for a download from Google Drive (ANSI, CRLF, ReferrerUrl before HostUrl). */
const EDGE = '[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://drive.google.com/\r\nHostUrl=https://drive.usercontent.google.com/download?id=1AbC&export=download\r\n';

/** Why no NTFS volume can be mounted here, or null. */
const noNtfs = ((): string | null => {
  if (process.getuid?.() !== 0) return 'mounting an NTFS image needs root';
  if (!existsSync('/dev/fuse')) return 'no /dev/fuse';
  for (const tool of ['mkntfs', 'ntfs-3g']) if (spawnSync(tool, ['--version']).error) return `${tool} is not installed (package ntfs-3g)`;
  return null;
})();

describe.skipIf(!wineAvailable)(`Zone.Identifier read by the Windows CLI under wine${wineAvailable ? '' : ' — SKIPPED: wine is missing'}`, () => {
  let prefix: WinePrefix;
  let downloads: string;
  let mounted = false;
  beforeAll(async () => {
    prefix = await WinePrefix.create();
    installCli(prefix);
    await importReg(prefix, [windowsVersionKey(currentWindows11())]);
    downloads = prefix.unixPath(`${prefix.profileWin}\\Downloads`);
    mkdirSync(downloads, { recursive: true });
  });
  afterAll(async () => {
    if (mounted) spawnSync('umount', [downloads]);
    await prefix?.dispose();
  });

  it('wine has no streams: what Windows Node writes to FILE:Zone.Identifier on a Linux folder is a second file', async () => {
    prefix.writeFile('C:\\rig\\ads.js', `const fs = require('fs'); fs.mkdirSync('C:\\\\rig\\\\ads'); fs.writeFileSync('C:\\\\rig\\\\ads\\\\Setup.exe', 'MZ'); fs.writeFileSync('C:\\\\rig\\\\ads\\\\Setup.exe:Zone.Identifier', 'x');`);
    const r = await prefix.run([NODE_WIN_PATH, 'C:\\rig\\ads.js']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(prefix.unixPath('C:\\rig\\ads')).sort()).toEqual(['Setup.exe', 'Setup.exe:Zone.Identifier']);
  });

  it(`on a real NTFS volume the stream is the file's own, and the CLI warns of the file-sharing download${noNtfs ? ` (NTFS half skipped: ${noNtfs}; the stream is a plain file)` : ''}`, async () => {
    if (noNtfs === null) {
      const img = join(prefix.root, 'downloads.ntfs');
      writeFileSync(img, '');
      spawnSync('truncate', ['-s', '16M', img]);
      expect(spawnSync('mkntfs', ['-F', '-Q', '-q', img]).status).toBe(0);
      const mount = spawnSync('ntfs-3g', ['-o', 'streams_interface=windows', img, downloads], { encoding: 'utf8', timeout: 20_000 });
      expect(mount.status, mount.stderr).toBe(0);
      mounted = true;
    }
    writeFileSync(join(downloads, 'Setup.exe'), 'MZ');
    writeFileSync(join(downloads, 'Setup.exe:Zone.Identifier'), EDGE, 'latin1');
    writeFileSync(join(downloads, 'Plain.msi'), 'MZ');
    if (mounted) expect(readdirSync(downloads).sort()).toEqual(['Plain.msi', 'Setup.exe']);
    const r = await runCli(prefix, ['check', '--only', 'installer-origin', '--json']);
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.report!.findings).toEqual([
      expect.objectContaining({
        check: 'installer-origin',
        status: 'warning',
        title: { key: 'installerOrigin:risky.fileSharing.title', params: { host: 'drive.usercontent.google.com' } },
        evidence: [expect.objectContaining({ path: `${prefix.profileWin}\\Downloads\\Setup.exe`, data: expect.objectContaining({ downloadZone: '3', downloadReferrer: 'https://drive.google.com/', downloadSource: 'file-sharing' }) })],
      }),
    ]);
  });
});
