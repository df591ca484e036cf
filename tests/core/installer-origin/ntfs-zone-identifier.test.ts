// A real NTFS alternate data stream: an NTFS image made with mkntfs, mounted by ntfs-3g with
// `streams_interface=windows` (so `FILE:Zone.Identifier` opens the file's named stream, as on Windows), the stream
// written with the bytes Edge and Chrome write, then read through the Windows code path of the probe
// (readDownloadOrigin and the installer-origin check on a host that says win32) with Node's real fs on Linux.
// What Node on Linux cannot show is Windows' own file API; that half is the wine rung's (docs/windows-testing.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDownloadOrigin } from '../../../src/core/checks/banned-app/download-origin';
import { installerOriginCheck } from '../../../src/core/checks/installer-origin/installer-origin-check';
import type { Host, RunResult } from '../../../src/core/host/host';
import { RealHost } from '../../../src/core/host/real-host';
import { builtinPolicy } from '../../../src/core/policy/policy';

const work = mkdtempSync(join(tmpdir(), 'ntfs-ads-'));
const mnt = join(work, 'mnt');

/** Mounts a fresh NTFS image at `mnt`; null when it worked, else why this machine cannot. */
const why = ((): string | null => {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'mounting an NTFS image needs root';
  if (!existsSync('/dev/fuse')) return 'no /dev/fuse: ntfs-3g cannot mount';
  for (const tool of ['mkntfs', 'ntfs-3g']) if (spawnSync(tool, ['--version']).error) return `${tool} is not installed (package ntfs-3g)`;
  const img = join(work, 'ntfs.img');
  writeFileSync(img, '');
  spawnSync('truncate', ['-s', '16M', img]);
  const mk = spawnSync('mkntfs', ['-F', '-Q', '-q', img], { encoding: 'utf8' });
  if (mk.status !== 0) return `mkntfs failed: ${mk.stderr.trim()}`;
  mkdirSync(mnt);
  const mount = spawnSync('ntfs-3g', ['-o', 'streams_interface=windows', img, mnt], { encoding: 'utf8', timeout: 20_000 });
  return mount.status === 0 ? null : `ntfs-3g could not mount the image: ${(mount.stderr || String(mount.error)).trim()}`;
})();

afterAll(() => {
  if (why === null) spawnSync('umount', [mnt]);
  rmSync(work, { recursive: true, force: true });
});

/** `reg query` of Explorer's User Shell Folders, naming the Downloads folder on the NTFS volume (reg is Windows'). */
function shellFolders(argv: readonly string[], downloads: string): RunResult {
  const stdout = ['', 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders', `    {374DE290-123F-4565-9164-39C4925E467B}    REG_EXPAND_SZ    ${downloads}`, '', ''].join('\r\n');
  return { argv, exitCode: 0, signal: null, stdout, stderr: '', durationMs: 1 };
}

/** The real file system seen as a Windows host sees it (the probe's win32 branch), with POSIX paths to join. */
function windowsView(real: Host, downloads: string): Host {
  return {
    platform: 'win32',
    arch: real.arch,
    hostname: real.hostname,
    osRelease: real.osRelease,
    homedir: real.homedir,
    env: real.env,
    path: posix,
    run: (argv, options) => (argv[0] === 'reg' ? Promise.resolve(shellFolders(argv, downloads)) : real.run(argv, options)),
    readText: (p, o) => real.readText(p, o),
    readBytes: (p, o) => real.readBytes(p, o),
    list: (p) => real.list(p),
    stat: (p) => real.stat(p),
    readRange: (p, offset, length, o) => real.readRange(p, offset, length, o),
    readLink: (p) => real.readLink(p),
  };
}

describe.skipIf(why !== null)(`a real Zone.Identifier stream on NTFS (ntfs-3g)${why ? ` (skipped: ${why})` : ''}`, () => {
  const home = join(mnt ?? '', 'Users', 'an');
  const dl = join(home, 'Downloads');
  // What Edge writes for a download (ANSI, CRLF, ReferrerUrl before HostUrl).
  const EDGE = '[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://drive.google.com/\r\nHostUrl=https://drive.usercontent.google.com/download?id=1AbC&export=download\r\n';

  it('the stream is a named stream of the file, not a second file, and the probe reads it', async () => {
    mkdirSync(dl, { recursive: true });
    writeFileSync(join(dl, 'Setup.exe'), 'MZ');
    writeFileSync(join(dl, 'Setup.exe:Zone.Identifier'), EDGE, 'latin1');
    writeFileSync(join(dl, 'Plain.msi'), 'MZ');
    expect(readdirSync(dl).sort()).toEqual(['Plain.msi', 'Setup.exe']);
    const streams = spawnSync('getfattr', ['--only-values', '-n', 'ntfs.streams.list', join(dl, 'Setup.exe')], { encoding: 'utf8' });
    if (!streams.error) expect(streams.stdout.trim()).toBe('Zone.Identifier');
    const host = windowsView(new RealHost({ homedir: home }), dl);
    expect(await readDownloadOrigin(host, join(dl, 'Setup.exe'))).toEqual({ state: 'recorded', zoneId: '3', referrer: 'https://drive.google.com/', url: 'https://drive.usercontent.google.com/download?id=1AbC&export=download' });
    // A file without the stream: ntfs-3g answers ENOENT as Windows does, which is "nothing recorded".
    expect(await readDownloadOrigin(host, join(dl, 'Plain.msi'))).toEqual({ state: 'none' });
  });

  it('the installer-origin check warns of the file-sharing download; the one without a record is no finding', async () => {
    const host = windowsView(new RealHost({ homedir: home }), dl);
    const findings = await installerOriginCheck().run({ host, policy: builtinPolicy(), now: new Date('2026-11-25T08:00:00Z') });
    expect(findings).toEqual([expect.objectContaining({ status: 'warning', title: { key: 'installerOrigin:risky.fileSharing.title', params: { host: 'drive.usercontent.google.com' } } })]);
  });
});
