import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installerFolders, isInstallerName, installerMatchers, listInstallerFolders, scanInstallers } from '../../../src/core/checks/banned-app/installers';
import { RealHost } from '../../../src/core/host/real-host';
import { expandHomePaths, scanLeftovers, scanResult } from '../../../src/core/checks/banned-app/leftovers';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { zoom } from './linux/harness';

const patterns = (): readonly string[] => zoom().installers.filePatterns;

describe('installer names (the policy patterns)', () => {
  const m = installerMatchers(patterns());
  it.each(['zoom_amd64.deb', 'zoom_x86_64.rpm', 'zoom_amd64 (1).deb', 'ZoomInstaller.exe', 'ZoomInstallerFull (2).msi', 'Zoom.pkg', 'zoomusInstallerFull.pkg', 'zoom_x86_64.tar.xz', 'ZOOM_AMD64.DEB'])('%s is an installer', (name) => {
    expect(isInstallerName(name, m)).toBe(true);
  });
  it.each(['zoom.txt', 'zoomer_amd64.deb', 'xzoom_1.0.deb', 'libzoom.deb', 'zoom_amd64.deb.txt', 'Zoom.pkg.zip', 'my zoom notes.docx'])('%s is not', (name) => {
    expect(isInstallerName(name, m)).toBe(false);
  });
});

// The one listing of installer folders, for the banned-app installers probes and the installer-origin check alike.
describe('listInstallerFolders', () => {
  it('a real home: each folder listed once, not recursively; a missing folder or a file in its place is not there', async () => {
    const home = mkdtempSync(join(tmpdir(), 'attt-installer-folders-'));
    try {
      mkdirSync(join(home, 'Downloads', 'Tải về cũ'), { recursive: true });
      writeFileSync(join(home, 'Downloads', 'zoom_amd64.deb'), '!<arch>\n');
      writeFileSync(join(home, 'Downloads', 'Tải về cũ', 'ZoomInstaller.exe'), 'MZ');
      writeFileSync(join(home, 'Desktop'), 'a file where the Desktop would be');
      const host = new RealHost({ homedir: home });
      const downloads = join(home, 'Downloads');
      const r = await listInstallerFolders(host, [downloads, join(home, 'Desktop'), join(home, 'Documents'), downloads]);
      expect(r.failures).toEqual([]);
      expect(r.listed.map((l) => [l.folder, l.entries.map((e) => [e.name, e.type]).sort()])).toEqual([[downloads, [['Tải về cũ', 'dir'], ['zoom_amd64.deb', 'file']]]]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a folder that cannot be read is a failure with its reason; the others are still listed', async () => {
    const host = new FixtureHost({ platform: 'linux', homedir: '/home/a', files: { '/home/a/Downloads/zoom_amd64.deb': 'x', '/home/b/Downloads': { type: 'error', code: 'permission' } } });
    const r = await listInstallerFolders(host, ['/home/b/Downloads', '/home/a/Downloads']);
    expect(r.listed.map((l) => l.folder)).toEqual(['/home/a/Downloads']);
    expect(r.failures).toEqual([{ key: 'common:reason.permission', params: { path: '/home/b/Downloads' } }]);
  });
});

describe('scanInstallers on any platform', () => {
  it('scans every profile folder given (Windows paths), with sizes; a missing folder is not an error', async () => {
    const host = new FixtureHost({
      platform: 'win32',
      homedir: 'C:\\Users\\an',
      files: {
        'C:\\Users\\an\\Downloads\\ZoomInstallerFull.exe': 'MZ'.repeat(8),
        'C:\\Users\\Nguyễn Văn Bình\\Desktop\\ZoomInstaller (1).exe': 'MZ',
        'C:\\Users\\Nguyễn Văn Bình\\Desktop\\zoom.txt': 'x',
      },
    });
    const folders = installerFolders(host, ['C:\\Users\\an', 'C:\\Users\\Nguyễn Văn Bình'], ['Downloads', 'Desktop']);
    expect(folders).toEqual(['C:\\Users\\an\\Downloads', 'C:\\Users\\an\\Desktop', 'C:\\Users\\Nguyễn Văn Bình\\Downloads', 'C:\\Users\\Nguyễn Văn Bình\\Desktop']);
    const scan = await scanInstallers(host, folders, patterns());
    expect(scan.failures).toEqual([]);
    expect(scan.hits.map((h) => [h.install, h.evidence.data?.size])).toEqual([
      ['installer:C:\\Users\\an\\Downloads\\ZoomInstallerFull.exe', '16'],
      ['installer:C:\\Users\\Nguyễn Văn Bình\\Desktop\\ZoomInstaller (1).exe', '2'],
    ]);
  });

  it('matches names macOS gives in decomposed (NFD) form', () => {
    const nfd = 'Cài đặt Zoom.pkg'.normalize('NFD');
    expect(nfd).not.toBe('Cài đặt Zoom.pkg');
    expect(isInstallerName(nfd, installerMatchers(['^Cài đặt Zoom\\.pkg$']))).toBe(true);
  });

  it('a hit wins over a partial failure; without hits a failure makes the probe unknown', async () => {
    const host = new FixtureHost({ platform: 'linux', homedir: '/home/a', files: { '/home/a/Downloads/zoom_amd64.deb': 'x', '/home/b/Downloads': { type: 'error', code: 'permission' } } });
    const both = await scanInstallers(host, ['/home/a/Downloads', '/home/b/Downloads'], patterns());
    expect(both.failures).toHaveLength(1);
    expect(scanResult('x', both).status).toBe('ran');
    const onlyFailure = await scanInstallers(host, ['/home/b/Downloads'], patterns());
    expect(scanResult('x', onlyFailure)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission', params: { path: '/home/b/Downloads' } } });
  });
});

describe('leftovers on any platform', () => {
  it('expands ~ for each home and keeps absolute paths once', () => {
    const host = new FixtureHost({ platform: 'darwin', homedir: '/Users/a' });
    expect(expandHomePaths(host, ['~/.zoomus', '/Library/Preferences/us.zoom.config.plist'], ['/Users/a', '/Users/nguyễn'])).toEqual([
      '/Users/a/.zoomus',
      '/Users/nguyễn/.zoomus',
      '/Library/Preferences/us.zoom.config.plist',
    ]);
  });

  it('reports what exists: folders without size, files with size, Windows paths too', async () => {
    const host = new FixtureHost({
      platform: 'win32',
      homedir: 'C:\\Users\\an',
      files: { 'C:\\Users\\an\\AppData\\Roaming\\Zoom\\data\\a.db': 'x', 'C:\\Users\\an\\AppData\\Local\\Zoom\\log.txt': 'abc' },
    });
    const scan = await scanLeftovers(host, ['C:\\Users\\an\\AppData\\Roaming\\Zoom', 'C:\\Users\\an\\AppData\\Local\\Zoom\\log.txt', 'C:\\Users\\an\\AppData\\Local\\ZoomX']);
    expect(scan.hits.map((h) => [h.install, h.evidence.kind, h.evidence.data?.size, h.remediation])).toEqual([
      ['leftover:C:\\Users\\an\\AppData\\Roaming\\Zoom', 'folder', undefined, 'remove.allowlisted'],
      ['leftover:C:\\Users\\an\\AppData\\Local\\Zoom\\log.txt', 'file', '3', 'remove.allowlisted'],
    ]);
  });
});
