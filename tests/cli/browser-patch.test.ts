// The browser check end to end: the CLI (bin/) on this Linux machine, its dpkg database a private one whose status
// file holds google-chrome-stable as dpkg writes it (control fields of Google's deb), at versions taken from the
// built-in catalog so that a catalog refresh does not move the verdicts: a major Google no longer patches is a
// violation (exit 2), the latest release is ok (exit 0), a version that is not one is unknown (exit 3); text in
// Vietnamese and English, one JSON report that passes the strict report schema.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/core/catalog/builtin-catalog';
import { compareVersions, parseBrowserVersion } from '../../src/core/checks/browser-patch/browser-version';
import { daysSince, displayDate } from '../../src/core/catalog/dates';
import { validateReport } from '../../src/core/report-schema';
import type { Report } from '../../src/shared/report';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'attt-selfcheck.cjs');
const TEMPLATE = readFileSync(join(ROOT, 'tests', 'fixtures', 'browser-patch', 'linux', 'dpkg-status-chrome.template'), 'utf8');

const chrome = builtinCatalog().browsers.find((b) => b.id === 'chrome')!;
const latest = chrome.releases.map((r) => r.version).reduce((a, b) => (compareVersions(parseBrowserVersion(b)!, parseBrowserVersion(a)!) > 0 ? b : a));
const oldMajor = Math.min(...chrome.patchedMajors!.map((m) => m.major)) - 1;

function cli(args: readonly string[], admindir: string, home: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'check', '--only', 'browser-patch', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ATTT_SELFCHECK_DPKG_ADMINDIR: admindir, ATTT_SELFCHECK_DATA_DIR: join(home, '.attt-data'), ATTT_SELFCHECK_MACHINE_CATALOG_DIR: '', ATTT_SELFCHECK_FIXTURE: '', ATTT_SELFCHECK_PASSWD_FILE: join(home, 'no-other-people') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function dpkgDb(dir: string, version: string): string {
  const admin = join(dir, 'dpkg');
  mkdirSync(join(admin, 'info'), { recursive: true });
  writeFileSync(join(admin, 'status'), TEMPLATE.replace('@VERSION@', version));
  writeFileSync(join(admin, 'available'), '');
  return admin;
}

// Only the private database decides: a machine with its own snaps, flatpaks, /opt/google/chrome or Firefox unpacked in
// /opt cannot be judged here (other people's homes are not looked at: the user database names nobody).
const hostBrowsers = ['/snap/bin/firefox', '/snap/bin/chromium', '/opt/google/chrome', '/opt/microsoft/msedge', '/opt/coccoc/browser', '/var/lib/flatpak/app/com.google.Chrome', '/opt/firefox', '/usr/local/firefox'].filter((p) => {
  try {
    readFileSync(p);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
});

describe.runIf(process.platform === 'linux' && hostBrowsers.length === 0)('browser versions on Linux (google-chrome-stable in a dpkg status file)', { timeout: 240_000 }, () => {
  let dir: string;
  let home: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attt-browsers-'));
    home = join(dir, 'home');
    mkdirSync(home);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`Chrome ${oldMajor} (a major no longer patched): a violation naming both versions, exit 2, in Vietnamese`, () => {
    const r = cli([], dpkgDb(join(dir, 'old'), `${oldMajor}.0.7000.100-1`), home);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toContain(`[VI PHẠM] Google Chrome phiên bản ${oldMajor}.0.7000.100 thuộc dòng ${oldMajor}, dòng này không còn được nhà phát triển vá lỗi bảo mật; phiên bản mới nhất ${latest}`);
    expect(r.stdout).toContain('Công văn số 1981/UBND-VHTT');
    expect(r.stdout).toContain('Đề nghị đồng chí cập nhật Google Chrome lên phiên bản mới nhất');
  });

  it('--json --lang en: one report, valid against the report schema, the finding with its package and catalog evidence', () => {
    const r = cli(['--json', '--lang', 'en'], dpkgDb(join(dir, 'old-json'), `${oldMajor}.0.7000.100-1`), home);
    expect(r.code, r.stderr).toBe(2);
    const report = JSON.parse(r.stdout) as Report;
    const valid = validateReport(report);
    expect(valid.ok ? [] : valid.issues).toEqual([]);
    expect(report.checks).toEqual(['browser-patch']);
    const f = report.findings.find((x) => x.status === 'violation')!;
    expect(f).toMatchObject({ check: 'browser-patch', advisoryPoint: 2, title: { key: 'patch:browser.unpatched.title' } });
    expect(f.evidence.map((e) => e.kind)).toEqual(['package', 'catalog']);
    expect(f.evidence[0]).toMatchObject({ version: `${oldMajor}.0.7000.100-1`, data: { manager: 'dpkg', name: 'google-chrome-stable' } });
  });

  it(`Chrome ${latest}, the latest release the catalog knows: ok, exit 0, in English`, () => {
    const r = cli(['--lang', 'en'], dpkgDb(join(dir, 'new'), `${latest}-1`), home);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // Facts older than the 14 days a browser may lag (the built-in catalog's date, read, not pinned): said as of their day.
    const age = daysSince(chrome.asOf, new Date());
    expect(r.stdout).toContain(age > 14 ? `Google Chrome ${latest} is the latest version the release catalog knew of on ${displayDate(chrome.asOf)}; those facts are ${age} days old` : `Google Chrome ${latest} is the latest version the release catalog knows`);
  });

  it('a version dpkg holds that is not a version: unknown with the reason, exit 3', () => {
    const r = cli(['--lang', 'en'], dpkgDb(join(dir, 'odd'), 'stable'), home);
    expect(r.code, r.stdout).toBe(3);
    expect(r.stdout).toContain('Could not read the version of Google Chrome');
    expect(r.stdout).toContain('«stable»');
  });
});
