/**
 * Every pattern the regexp lint found super-linear (and the AppStream and profile-name ones it cannot see), fed
 * the input that made it stall: a million repeated characters with a suffix that makes it fail. Measured here,
 * the old quadratic patterns take 20-130 ms at 5,000 characters, so 15 minutes to 4 hours at a million; the old
 * `ps` pattern was cubic (49 s at 5,000) and the profile-name one exponential (2^40 paths for 40 `?`): all far
 * beyond the vitest timeout. Each test asserts the right answer too, and runs in milliseconds now.
 */
import { describe, expect, it } from 'vitest';
import type { Evidence, Finding } from '../../src/shared/finding';
import { appstreamVersion } from '../../src/core/checks/banned-app/linux/flatpak-deploy';
import { flatpakAppName } from '../../src/core/checks/banned-app/linux/program-identity';
import { findProfiles } from '../../src/core/checks/banned-app/windows/profiles';
import { packageRoot } from '../../src/core/host/package-root';
import { parseTasklist } from '../../src/core/checks/banned-app/windows/process-probe';
import { parseDpkgQuery } from '../../src/core/checks/banned-app/linux/dpkg-parse';
import { parseOsRelease } from '../../src/core/checks/os-patch/linux-release';
import { parseAptCheck, parseAptSimulate } from '../../src/core/checks/os-patch/linux-updates';
import { parseSoftwareUpdate, parseSwVers } from '../../src/core/checks/os-patch/macos-probe';
import { FixtureHost } from '../../src/core/host/fixture-host';
import { builtinPolicy } from '../../src/core/policy/policy';
import { processIdentity } from '../../src/core/remediation/close-app';
import { overlaps } from '../../src/core/remediation/fix-flow';
import { planFindings } from '../../src/core/remediation/plan-findings';
import { MAX_LINE_CHARS, splitLines } from '../../src/core/text/lines';
import { trimTrailing } from '../../src/core/text/trim-trailing';
import { parseRegOutput } from '../../src/core/windows/reg-query';
import { windowsDir } from '../../src/core/windows/system-tools';

const N = 1_000_000;
const zoom = builtinPolicy().bannedApps[0]!;

describe('text helpers', () => {
  it('trimTrailing strips a run of separators and leaves a run followed by a letter whole', () => {
    expect(trimTrailing(`C:\\Zoom${'\\/'.repeat(N)}`, '\\/')).toBe('C:\\Zoom');
    const cut = `${'/'.repeat(N)}x`;
    expect(trimTrailing(cut, '/')).toBe(cut);
    expect(trimTrailing('////', '/')).toBe('');
    expect(trimTrailing('', '/')).toBe('');
  });

  it('splitLines ends lines where an m-flag pattern does', () => {
    expect(splitLines('a\r\nb\nc\rd\u2028e\u2029f')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(splitLines('\n'.repeat(N)).length).toBe(N + 1);
  });
});

describe('command outputs and files that stalled a pattern', () => {
  it('flatpak AppStream: a million unclosed <release tags, or attributes without a version, give no version', () => {
    expect(appstreamVersion('<release '.repeat(N))).toBeUndefined();
    expect(appstreamVersion(`${'<release '.repeat(N)}>`)).toBeUndefined();
    expect(appstreamVersion(`<releases>${'<releasex '.repeat(N)}>`)).toBeUndefined();
    expect(appstreamVersion(`<release${' version='.repeat(N)}>`)).toBeUndefined();
    // and the real shapes still read
    expect(appstreamVersion(`${'<releasex '.repeat(N)}><releases>\n<release date="2025-01-02" version="6.4.1.587" />\n<release version='6.3'/></releases>`)).toBe('6.4.1.587');
    expect(appstreamVersion('<release <release version="6.2">')).toBe('6.2');
    expect(appstreamVersion('<release date="x"></release><release version="6.1"/>')).toBe('6.1');
    expect(appstreamVersion('<release version="6.0 beta"/>')).toBeUndefined();
  });

  it('tasklist: a million newlines then a cut row is a cut output, a million trailing newlines are fine', () => {
    expect(parseTasklist(`"System","4","Services","0","1 K"${'\n'.repeat(N)}"Zoom.exe","12`)).toEqual({ ok: false, bad: '"Zoom.exe","12' });
    expect(parseTasklist(`"Zoom.exe","12","Console","1","90 K"${'\r\n \t'.repeat(N)}`)).toEqual({ ok: true, rows: [{ name: 'Zoom.exe', pid: 12 }] });
  });

  it('softwareupdate: a million blank lines, and spaces up to the line bound around a label, still count each label', () => {
    const pad = ' '.repeat(MAX_LINE_CHARS - 100);
    const out = `Software Update Tool\n${' \n'.repeat(N)}* Label: macOS Sequoia 15.7.8-24G700\n\tTitle: macOS\n*${pad}Label:${pad.slice(0, 50)}Safari 26.1\n${pad}x\n`;
    expect(parseSoftwareUpdate(out, '')).toEqual({ kind: 'some', tool: 'softwareupdate', count: 2, security: 1 });
    expect(parseSoftwareUpdate(`${'\n'.repeat(N)}No new software available.\n`, '')).toEqual({ kind: 'none', tool: 'softwareupdate' });
  });

  it('sw_vers: a value padded with spaces up to the line bound reads, after a million blank lines; a key with no value is none', () => {
    const pad = ' '.repeat(MAX_LINE_CHARS / 2 - 10);
    expect(parseSwVers(`ProductName:\tmacOS\nProductVersion:${pad}15.7${pad}x\nBuildVersion:\t24G\n`)).toBeNull();
    expect(parseSwVers(`ProductName:\tmacOS\n${'\n'.repeat(N)}ProductVersion:${pad}15.7${pad}\n${' \n'.repeat(N)}BuildVersion:\t24G\n`)).toEqual({ productName: 'macOS', version: '15.7', build: '24G' });
    expect(parseSwVers(`ProductVersion:\n15.7\n`)).toBeNull();
  });

  it("apt-check: a million blank lines before and after 'regular;security'", () => {
    expect(parseAptCheck(`${'\n'.repeat(N)}  12;3 ${'\n '.repeat(N)}`)).toEqual({ count: 12, security: 3 });
    expect(parseAptCheck(`${' \n'.repeat(N)}x`)).toBeNull();
  });

  it('apt-get -s: a million-odd `Inst x (` lines that never close are not counted; a real one is', () => {
    const summary = (n: number): string => `${n} upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`;
    expect(parseAptSimulate(`${'Inst a (\n'.repeat(N / 8)}${summary(0)}`)).toEqual({ count: 0, security: 0, packages: [] });
    expect(parseAptSimulate(`${'Inst a [\n'.repeat(N / 8)}Inst zoom [6.3] (6.4.1 Zoom:stable, Ubuntu:24.04/noble-security [amd64])\n${summary(1)}`)).toEqual({ count: 1, security: 1, packages: ['zoom'] });
  });

  it('.flatpak-info: blank lines up to the read limit around [Application] (the pattern that spanned them is gone)', () => {
    const blank = '\n'.repeat(30_000);
    expect(flatpakAppName(`[Instance]\ninstance-id=1\n[Application]  ${blank}runtime=x\nname=us.zoom.Zoom \n${blank}[Instance]\nname=other\n`)).toBe('us.zoom.Zoom');
    expect(flatpakAppName(`[Application]${blank}[Instance]\nname=us.zoom.Zoom\n`)).toBeNull();
    expect(flatpakAppName(`${'[Application]\n'.repeat(4_000)}`)).toBeNull();
  });

  it('a private dpkg root ending in a million slashes is the folder itself', () => {
    expect(packageRoot({ env: { ATTT_SELFCHECK_DPKG_ADMINDIR: '/srv/sb/var/lib/dpkg', ATTT_SELFCHECK_DPKG_INSTDIR: `/srv/sb${'/'.repeat(N)}` } })).toBe('/srv/sb');
    expect(packageRoot({ env: { ATTT_SELFCHECK_DPKG_ADMINDIR: '/srv/sb/var/lib/dpkg', ATTT_SELFCHECK_DPKG_INSTDIR: '/'.repeat(N) } })).toBe('/');
    expect(packageRoot({ env: {} })).toBe('/');
  });

  it('reg query: a key line ending in a million backslashes and a letter is one key, kept as printed', () => {
    const key = `HKEY_CURRENT_USER\\Software${'\\'.repeat(N)}x`;
    const r = parseRegOutput(`\r\n${key}\r\n    DisplayName    REG_SZ    Zoom\r\n\r\n`);
    expect(r.ok && r.keys.map((k) => k.path)).toEqual([key]);
    const trailing = parseRegOutput(`\r\nHKEY_CURRENT_USER\\Software${'\\'.repeat(N)}\r\n\r\n`);
    expect(trailing.ok && trailing.keys.map((k) => k.path)).toEqual(['HKEY_CURRENT_USER\\Software']);
  });

  it('%SystemRoot% of a million backslashes and a letter is not a plain path: C:\\Windows is used', () => {
    expect(windowsDir({ SystemRoot: `C:\\${'\\'.repeat(N)}x` })).toBe('C:\\Windows');
    expect(windowsDir({ SystemRoot: `D:\\Windows${'\\'.repeat(N)}` })).toBe('D:\\Windows');
  });

  it('ps lstart/comm: a million spaces around the name are trimmed, a name split over lines is refused', async () => {
    const ps = (stdout: string): FixtureHost => new FixtureHost({ platform: 'darwin', homedir: '/Users/an', commands: [{ argv: ['ps', '-p', '42', '-o', 'lstart=', '-o', 'comm='], stdout }] });
    const date = 'Mon Jan  5 10:00:00 2026';
    expect(await processIdentity(ps(`${date}${' '.repeat(N)}/Applications/zoom.us.app/Contents/MacOS/zoom.us${' \t'.repeat(N)}\n`), 42)).toEqual({ name: 'zoom.us', start: 'Mon Jan 5 10:00:00 2026' });
    expect(await processIdentity(ps(`${date}${' '.repeat(N)}zoom.us\n${' '.repeat(N)}x`), 42)).toBeNull();
    expect(await processIdentity(ps(`${date}${' '.repeat(N)}\n`), 42)).toBeNull();
  });
});

describe('paths and registry values that stalled a pattern', () => {
  const HOME = 'C:\\Users\\an';

  it('an uninstall string of a million spaces before MsiExec is an MSI uninstall by product code', async () => {
    const code = '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}';
    const data = { hive: 'HKLM', view: '64', keyName: code, displayName: 'Zoom Workplace (64-bit)', publisher: 'Zoom', uninstallString: `${' '.repeat(N)}MsiExec.exe /X${code}`, scope: 'machine' };
    const f: Finding = { id: 'banned-app:x', check: 'banned-app', status: 'violation', severity: 'high', advisoryPoint: 1, title: { key: 'bannedApp:installed.title' }, evidence: [{ kind: 'registry', path: `HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${code}`, detail: '', data }], remediation: 'uninstall.windows-registry' };
    const host = new FixtureHost({ platform: 'win32', homedir: HOME, env: { SystemRoot: 'C:\\Windows' } });
    const [plan] = await planFindings(host, zoom, [f]);
    expect(plan!.steps[0]).toMatchObject({ argv: ['C:\\Windows\\System32\\msiexec.exe', '/x', code, '/qn', '/norestart'] });
    const notMsi = { ...data, uninstallString: `${' '.repeat(N)}x` };
    const [plan2] = await planFindings(host, zoom, [{ ...f, evidence: [{ ...f.evidence[0]!, data: notMsi }] }]);
    expect(plan2!.steps.some((s) => s.kind === 'run' && s.argv.some((a) => /msiexec/i.test(a)))).toBe(false);
  });

  it('a recorded file path of a million separators and a letter is simply absent', async () => {
    const host = new FixtureHost({ platform: 'win32', homedir: HOME, files: { 'C:\\Zoom\\a.txt': 'x' } });
    await expect(host.readText(`C:\\Zoom${'\\/'.repeat(N)}x`, { links: 'refuse' })).rejects.toMatchObject({ code: 'not-found' });
    expect(await host.readText(`C:\\Zoom\\a.txt${'\\'.repeat(N)}`, { links: 'refuse' })).toBe('x');
  });

  it('the removal proof compares paths ending in a million separators as the same folder', () => {
    const planned: Evidence[] = [{ kind: 'folder', path: `C:\\Users\\an\\AppData\\Roaming\\Zoom${'\\'.repeat(N)}`, detail: '' }];
    expect(overlaps(planned, [{ kind: 'file', path: 'C:\\Users\\an\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe', detail: '' }])).toBe(true);
    expect(overlaps(planned, [{ kind: 'file', path: `C:\\Users\\an\\AppData\\Roaming\\ZoomIt${'\\'.repeat(N)}x`, detail: '' }])).toBe(false);
  });

  it('a ProfileImagePath that reg printed as 40 "?" is matched against a folder name without exponential backtracking', async () => {
    const list = (image: string): string => `\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\r\n\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-21-1-2-3-1001\r\n    ProfileImagePath    REG_EXPAND_SZ    ${image}\r\n\r\n`;
    const host = (folder: string): FixtureHost =>
      new FixtureHost({
        platform: 'win32',
        homedir: 'C:\\Users\\an',
        files: { [`C:\\Users\\${folder}`]: { type: 'dir' }, 'C:\\Users\\an': { type: 'dir' } },
        commands: [{ argv: ['reg', 'query', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList', '/s', '/reg:64'], stdout: list(`C:\\Users\\${'?'.repeat(40)}`) }],
      });
    const sidOf = async (folder: string): Promise<string | undefined> => (await findProfiles(host(folder))).profiles.find((p) => p.path === `C:\\Users\\${folder}`)?.sid;
    expect(await sidOf('a'.repeat(81))).toBeUndefined();
    expect(await sidOf('a'.repeat(80))).toBe('S-1-5-21-1-2-3-1001');
    expect(await sidOf('b'.repeat(40))).toBe('S-1-5-21-1-2-3-1001');
    expect(await sidOf('c'.repeat(39))).toBeUndefined();
  });
});

describe('lines too long to parse', () => {
  const long = 'x'.repeat(MAX_LINE_CHARS + 1);

  it('in a tool\'s output they make it garbled, never skipped (dpkg, tasklist, reg, softwareupdate, apt)', () => {
    expect(parseDpkgQuery(`zoom\t6.4.1\tamd64\tinstall ok installed\nlib${long}\t1\tall\tinstall ok installed\n`)).toMatchObject({ rows: [{ name: 'zoom' }], bad: [expect.stringMatching(/^libx+\t1\tall/)] });
    expect(parseTasklist(`"Zoom.exe","12","Console","1","90 K"\r\n"${long}","13","Console","1","90 K"\r\n`)).toMatchObject({ ok: false });
    expect(parseRegOutput(`\r\nHKEY_CURRENT_USER\\Software\\Zoom\r\n    DisplayName    REG_SZ    ${long}\r\n\r\n`)).toMatchObject({ ok: false });
    expect(parseSoftwareUpdate(`* Label: Safari 26.1\n* Label: ${long}\n`, '')).toBeNull();
    expect(parseSwVers(`ProductVersion:${' '.repeat(MAX_LINE_CHARS)}15.7\n`)).toBeNull();
    expect(parseAptSimulate(`Inst ${long} (1 x)\n1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`)).toBeNull();
    // a line within the bound is a line like any other
    expect(parseDpkgQuery(`zoom\t${'1'.repeat(MAX_LINE_CHARS - 40)}\tamd64\tinstall ok installed\n`).bad).toEqual([]);
  });

  it('in a file of settings they are skipped, the rest still read (os-release)', () => {
    expect(parseOsRelease(`ID=ubuntu\nPRETTY_NAME="${long}"\nVERSION_ID="24.04"\n`)).toMatchObject({ id: 'ubuntu', versionId: '24.04' });
  });
});
