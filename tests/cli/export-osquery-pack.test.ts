// export osquery-pack: every query prepared against osquery's own table specs (../shared/data/osquery, loaded into
// SQLite with osquery's extra functions), its table present on its platform, no column of another platform; then
// each Linux query run against rows shaped like a real Zoom install and the look-alikes the app rejects.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture } from '../helpers/capture-io';
import { main } from '../../src/cli/main';
import { OSQUERY_FORMS, osqueryPack, type OsqueryPack } from '../../src/core/export/osquery-pack';
import { builtinPolicy } from '../../src/core/policy/policy';
import type { Policy } from '../../src/core/policy/policy-schema';
import { writeMeetfastPolicy } from '../helpers/meetfast-policy';
import { frozenCatalog } from '../core/browser-patch/catalog';

const OSQUERY = join(__dirname, '..', '..', '..', 'shared', 'data', 'osquery');
const SCHEMA = join(OSQUERY, 'osquery-schema.sql');
const HELPER = join(__dirname, '..', 'helpers', 'osquery_sqlite.py');
const hasPython = spawnSync('python3', ['-c', 'import sqlite3'], { encoding: 'utf8' }).status === 0;
const skipWhy = !existsSync(SCHEMA) ? `osquery's table specs are not at ${OSQUERY} (../shared/data/osquery beside the repository)` : !hasPython ? 'python3 with its sqlite3 module is not installed' : '';
if (skipWhy) console.warn(`export-osquery-pack: SQLite tests skipped: ${skipWhy}`);

type Row = Record<string, string | number>;
type Outcome = { readonly error?: string; readonly rows?: readonly Row[] };

/** Prepares (and with `rows`, runs) each query in SQLite holding osquery's tables. */
function sqlite(queries: Record<string, string>, rows?: Record<string, readonly Row[]>): Record<string, Outcome> {
  const r = spawnSync('python3', [HELPER], { input: JSON.stringify({ schema: SCHEMA, queries, rows: rows ?? {}, run: rows !== undefined }), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`osquery_sqlite.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, Outcome>;
}

async function exported(lang = 'vi', extra: readonly string[] = []): Promise<OsqueryPack> {
  const io = capture();
  expect(await main(['export', 'osquery-pack', '--lang', lang, ...extra], { io, env: {} })).toBe(0);
  expect(io.stderr).toBe('');
  return JSON.parse(io.stdout) as OsqueryPack;
}

const describeQuery = () => ({ description: 'd', value: 'v' });
const sqlOf = (pack: OsqueryPack, filter: (name: string) => boolean = () => true): Record<string, string> =>
  Object.fromEntries(Object.entries(pack.queries).filter(([n]) => filter(n)).map(([n, q]) => [n, q.query]));

/** The tables a query reads (FROM and JOIN). */
function tablesOf(sql: string): string[] {
  return [...sql.matchAll(/\b(?:FROM|JOIN)\s+"?([a-z_0-9]+)"?/gi)].map((m) => m[1]!);
}

/** The words of a query outside its string literals. */
function wordsOf(sql: string): Set<string> {
  return new Set(sql.replace(/'(?:[^']|'')*'/g, "''").match(/[A-Za-z_][A-Za-z_0-9]*/g) ?? []);
}

describe('export osquery-pack', () => {
  it('is a pack with a query per platform and form, each with its platform, the policy schedule as interval and words in the chosen language', async () => {
    const pack = await exported();
    const names = Object.keys(pack.queries);
    for (const form of OSQUERY_FORMS) expect(names.some((n) => n.endsWith(`_${form}`)), form).toBe(true);
    expect(names.filter((n) => n.endsWith('_processes') && !n.startsWith('notice_')).sort()).toEqual(['zoom_darwin_processes', 'zoom_linux_processes', 'zoom_windows_processes']);
    expect(names).toContain('zoom_windows_programs');
    expect(names).toContain('zoom_darwin_launchd');
    for (const [name, q] of Object.entries(pack.queries)) {
      expect(name.replace(/^notice_/, '').split('_').find((w) => ['linux', 'darwin', 'windows'].includes(w))).toBe(q.platform);
      expect(q.interval).toBe(builtinPolicy().schedule.bannedAppMinutes * 60);
      expect(q.query.endsWith(';')).toBe(true);
    }
    expect(pack.queries.zoom_linux_deb_packages!.description).toBe('Công văn số 1981/UBND-VHTT, điểm 1: tìm Zoom trên Linux (bảng deb_packages)');
    expect((await exported('en')).queries.zoom_darwin_apps!.description).toBe('Official letter No. 1981/UBND-VHTT, point 1: looks for Zoom on macOS (table apps)');
    // A longer schedule in the policy is the pack's interval.
    const slower = osqueryPack({ ...builtinPolicy(), schedule: { bannedAppMinutes: 240 } }, describeQuery);
    expect(new Set(Object.values(slower.queries).map((q) => q.interval))).toEqual(new Set([14_400]));
  });

  it.skipIf(skipWhy !== '')('every query prepares against osquery\'s tables and columns (EXPLAIN), reads tables of its own platform, no column of another', async () => {
    const pack = await exported();
    const platforms = JSON.parse(readFileSync(join(OSQUERY, 'osquery-platforms.json'), 'utf8')) as Record<string, string[]>;
    const columns = JSON.parse(readFileSync(join(OSQUERY, 'osquery-columns.json'), 'utf8')) as Record<string, Record<string, string[]>>;
    const prepared = sqlite(sqlOf(pack));
    for (const [name, q] of Object.entries(pack.queries)) {
      expect(prepared[name], `${name}: ${q.query}`).toEqual({ rows: [] });
      const words = wordsOf(q.query);
      for (const table of tablesOf(q.query)) {
        expect(platforms[table], `${name}: table ${table}`).toContain(q.platform);
        for (const [column, only] of Object.entries(columns[table] ?? {})) {
          if (!only.includes(q.platform)) expect(words.has(column), `${name}: ${table}.${column} exists on ${only.join(', ')} only`).toBe(false);
        }
      }
    }
  });

  it('a second app banned by the policy (--policy) gets its own queries, from its entry alone, beside Zoom\'s', async () => {
    const pack = await exported('en', ['--policy', writeMeetfastPolicy()]);
    const mine = Object.entries(pack.queries).filter(([n]) => n.startsWith('meetfast_'));
    const zoomForms = Object.keys(pack.queries).filter((n) => n.startsWith('zoom_')).map((n) => n.slice('zoom'.length));
    // The same forms as Zoom's, but for Firefox add-ons: its entry names none.
    expect(mine.map(([n]) => n.slice('meetfast'.length)).sort()).toEqual(zoomForms.filter((f) => !f.endsWith('_firefox_addons')).sort());
    const sql = mine.map(([, q]) => q.query).join('\n');
    for (const name of ["'meetfast'", "'meetfast labs ltd.'", "'io.meetfast.desktop'", "'meetfast.exe'", 'io.meetfast.', "'/opt/meetfast"]) expect(sql).toContain(name);
    expect(sql).not.toMatch(/zoom/i);
    expect(pack.queries.meetfast_linux_deb_packages!.description).toBe('Official letter No. 1981/UBND-VHTT, point 1: looks for MeetFast on Linux (table deb_packages)');
    if (skipWhy) return;
    const prepared = sqlite(Object.fromEntries(mine.map(([n, q]) => [n, q.query])));
    for (const [name, q] of mine) expect(prepared[name], `${name}: ${q.query}`).toEqual({ rows: [] });
  });

  it.skipIf(skipWhy !== '')('the same checks fail a wrong column, a wrong table and a function osquery lacks', () => {
    const bad = sqlite({
      column: "SELECT nam FROM deb_packages WHERE name IN ('zoom');",
      table: "SELECT name FROM dpkg_packages WHERE name IN ('zoom');",
      fn: "SELECT name FROM deb_packages WHERE regexp_like(name, 'zoom');",
      ok: "SELECT name FROM deb_packages WHERE regex_match(name, 'zoom', 0) IS NOT NULL;",
    });
    expect(bad.column?.error).toMatch(/no such column: nam/);
    expect(bad.table?.error).toMatch(/no such table: dpkg_packages/);
    expect(bad.fn?.error).toMatch(/no such function: regexp_like/);
    expect(bad.ok).toEqual({ rows: [] });
    // apps is a macOS table: a Linux query on it would be refused by the platform check above.
    const platforms = JSON.parse(readFileSync(join(OSQUERY, 'osquery-platforms.json'), 'utf8')) as Record<string, string[]>;
    expect(platforms.apps).not.toContain('linux');
  });

  // Rows as osquery returns them on a Debian PC with Zoom's .deb installed and running, its leftovers, its
  // Chrome and Firefox extensions — and the look-alikes: Debian's zoom-player (/usr/games/zoom, a process named zoom),
  // an extension called "Zoom" of someone else, a file named like Zoom's elsewhere.
  const ZOOM = 'zoom-install';
  const DECOY = 'look-alike';
  const linuxRows: Record<string, (Row & { mark: string })[]> = {
    deb_packages: [
      { mark: ZOOM, name: 'zoom', version: '6.2.5.2440', arch: 'amd64', status: 'install ok installed' },
      { mark: DECOY, name: 'zoom-player', version: '1.1.5~dfsg-6', arch: 'amd64', status: 'install ok installed' },
      { mark: DECOY, name: 'libzoom', version: '1', arch: 'amd64', status: 'install ok installed' },
    ],
    rpm_packages: [
      { mark: ZOOM, name: 'zoom', version: '6.2.5.2440', release: '1', arch: 'x86_64' },
      { mark: DECOY, name: 'zoom-player', version: '1.1.5', release: '1', arch: 'x86_64' },
    ],
    processes: [
      { mark: ZOOM, pid: 4242, name: 'zoom', path: '/opt/zoom/zoom', cmdline: '/opt/zoom/zoom', uid: 1000 },
      { mark: ZOOM, pid: 4243, name: 'ZoomWebviewHost', path: '/opt/zoom/ZoomWebviewHost', cmdline: '/opt/zoom/ZoomWebviewHost --type=renderer', uid: 1000 },
      { mark: DECOY, pid: 5151, name: 'zoom', path: '/usr/games/zoom', cmdline: '/usr/games/zoom story.z5', uid: 1000 },
      { mark: DECOY, pid: 5152, name: 'ZoomIt', path: '/home/an/bin/ZoomIt', cmdline: 'ZoomIt', uid: 1000 },
      { mark: DECOY, pid: 5153, name: 'bash', path: '/opt/zoomer/bash', cmdline: 'bash', uid: 1000 },
    ],
    file: [
      { mark: ZOOM, path: '/opt/zoom', type: 'directory', size: 4096, mtime: 1 },
      { mark: ZOOM, path: '/usr/bin/zoom', type: 'symlink', size: 20, mtime: 1 },
      { mark: ZOOM, path: '/home/an/.zoom', type: 'directory', size: 4096, mtime: 1 },
      { mark: ZOOM, path: '/home/an/.config/zoomus.conf', type: 'regular', size: 80, mtime: 1 },
      { mark: DECOY, path: '/usr/games/zoom', type: 'regular', size: 80, mtime: 1 },
      { mark: DECOY, path: '/home/an/.zoom-player', type: 'directory', size: 4096, mtime: 1 },
      { mark: DECOY, path: '/opt/zoomit', type: 'directory', size: 4096, mtime: 1 },
    ],
    users: [{ mark: 'user', uid: 1000, username: 'an', directory: '/home/an' }],
    chrome_extensions: [
      { mark: ZOOM, uid: 1000, browser_type: 'chrome', name: 'Zoom Scheduler', identifier: 'kgjfgplpablkjnlkjmjdecgdpfankdle', version: '1.9.4', path: '/home/an/.config/google-chrome/Default/Extensions/kgjfgplpablkjnlkjmjdecgdpfankdle/1.9.4_0' },
      { mark: DECOY, uid: 1000, browser_type: 'chrome', name: 'Zoom for Google Chrome', identifier: 'abcdefghijklmnopabcdefghijklmnop', version: '1', path: '/home/an/.config/google-chrome/Default/Extensions/abcdefghijklmnopabcdefghijklmnop/1_0' },
    ],
    firefox_addons: [
      { mark: ZOOM, uid: 1000, name: 'Zoom Scheduler', identifier: '{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}', version: '2.0', path: '/home/an/.mozilla/firefox/x.default/extensions/{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}.xpi' },
      { mark: DECOY, uid: 1000, name: 'Zoom Page WE', identifier: 'zoompage-we@DW-dev', version: '1', path: '/home/an/.mozilla/firefox/x.default/extensions/zoompage-we@DW-dev.xpi' },
    ],
  };
  /** What identifies a row of each table in a query's result. */
  const KEY: Record<string, string> = { deb_packages: 'name', rpm_packages: 'name', processes: 'pid', file: 'path', chrome_extensions: 'identifier', firefox_addons: 'identifier' };
  const stripped = Object.fromEntries(Object.entries(linuxRows).map(([t, rows]) => [t, rows.map(({ mark: _mark, ...r }) => r)]));

  it.skipIf(skipWhy !== '')('each Linux query finds the rows of a real Zoom install and none of the look-alikes', async () => {
    const pack = await exported();
    expect(Object.keys(sqlOf(pack, (n) => n.startsWith('zoom_linux_'))).sort()).toEqual(['zoom_linux_chrome_extensions', 'zoom_linux_deb_packages', 'zoom_linux_file', 'zoom_linux_firefox_addons', 'zoom_linux_installers', 'zoom_linux_processes', 'zoom_linux_rpm_packages', 'zoom_linux_tarball']);
    // The tarball and installer queries read the file table differently: their own cases below.
    const linux = sqlOf(pack, (n) => n.startsWith('zoom_linux_') && !n.endsWith('_tarball') && !n.endsWith('_installers'));
    const results = sqlite(linux, stripped);
    for (const [name, sql] of Object.entries(linux)) {
      const table = tablesOf(sql).find((t) => t !== 'users')!;
      const key = KEY[table]!;
      const want = linuxRows[table]!.filter((r) => r.mark === ZOOM).map((r) => r[key]).sort();
      expect(results[name]?.error, name).toBeUndefined();
      expect(results[name]!.rows!.map((r) => r[key]).sort(), `${name}: ${sql}`).toEqual(want);
    }
  });

  it.skipIf(skipWhy !== '')('Linux: the tarball unpacked in a home is found by its files (ZoomLauncher and zoom, the first an ELF program), not by a folder name', async () => {
    const pack = await exported();
    const sql = pack.queries.zoom_linux_tarball!.query;
    // Every home, down to OSQUERY_TARBALL_DEPTH folders below it, one LIKE level per folder (osquery's globbing).
    expect(sql).toContain("f.path LIKE '/home/%/%/%/ZoomLauncher'");
    expect(sql).toContain("f.path LIKE '/root/%/ZoomLauncher'");
    expect(sql).not.toContain("'/home/%/%/%/%/%/ZoomLauncher'");
    const file = (path: string, type = 'regular') => ({ path, directory: path.slice(0, path.lastIndexOf('/')), filename: path.slice(path.lastIndexOf('/') + 1), type, size: 1000, mtime: 1 });
    const r = sqlite({ tarball: sql }, {
      file: [
        file('/home/an/Downloads/zoom/ZoomLauncher'), file('/home/an/Downloads/zoom/zoom'), // the real one
        file('/root/apps/meet/ZoomLauncher'), file('/root/apps/meet/zoom'), // renamed folder: still found by its files
        file('/home/an/tools/ZoomLauncher'), // alone: no zoom beside it
        file('/home/an/fake/ZoomLauncher'), file('/home/an/fake/zoom'), // a script, not a program
        file('/home/binh/link/ZoomLauncher', 'symlink'), file('/home/binh/link/zoom'), // a link
        file('/opt/zoom/ZoomLauncher'), file('/opt/zoom/zoom'), // the .deb's: not in a home (the file query covers it)
      ],
      magic: [
        { path: '/home/an/Downloads/zoom/ZoomLauncher', data: 'ELF 64-bit LSB pie executable, x86-64, dynamically linked' },
        { path: '/root/apps/meet/ZoomLauncher', data: 'ELF 64-bit LSB executable, x86-64' },
        { path: '/home/an/tools/ZoomLauncher', data: 'ELF 64-bit LSB executable, x86-64' },
        { path: '/home/an/fake/ZoomLauncher', data: 'POSIX shell script, ASCII text executable' },
        { path: '/home/binh/link/ZoomLauncher', data: 'ELF 64-bit LSB executable, x86-64' },
        { path: '/opt/zoom/ZoomLauncher', data: 'ELF 64-bit LSB executable, x86-64' },
      ],
    });
    expect(r.tarball?.error).toBeUndefined();
    expect(r.tarball!.rows!.map((x) => x.path).sort()).toEqual(['/home/an/Downloads/zoom', '/root/apps/meet']);
  });

  it('the online apps are informational queries of their own (notice_…), in words that say a result is no violation', async () => {
    const pack = await exported();
    const notices = Object.keys(pack.queries).filter((n) => n.startsWith('notice_'));
    // Every online app osquery can see; ClickMeeting and eMeeting.vn are known only by the host of a web app's URL, which no table holds.
    for (const id of builtinPolicy().onlineApps.map((a) => a.id.replace(/-/g, '_'))) expect(notices.some((n) => n.startsWith(`notice_${id}_`)), id).toBe(!['clickmeeting', 'emeeting_vn'].includes(id));
    expect(pack.queries.notice_telegram_linux_deb_packages!.query).toBe("SELECT name, version, arch, status FROM deb_packages WHERE name IN ('telegram-desktop');");
    expect(pack.queries.notice_telegram_linux_deb_packages!.description).toBe('Công văn số 1981/UBND-VHTT, điểm 3 và điểm 4: tìm ứng dụng họp trực tuyến, nhắn tin Telegram Desktop trên Linux (bảng deb_packages); để nắm tình hình, không phải vi phạm');
    expect(pack.queries.notice_zalo_windows_registry!.value).toContain('không phải vi phạm');
    expect((await exported('en')).queries.notice_google_meet_windows_web_apps!.description).toBe('Official letter No. 1981/UBND-VHTT, points 3 and 4: looks for the online meeting and messaging app Google Meet on Windows (table file); for information, not a violation');
    // No banned-app query is named as a notice, and no online app has a banned-app query (the browser check's are browser_…).
    expect(Object.keys(pack.queries).filter((n) => !n.startsWith('notice_') && !n.startsWith('browser_')).every((n) => n.startsWith('zoom_'))).toBe(true);
  });

  it.skipIf(skipWhy !== '')('Linux: the Google Meet web app by its id, in a Chromium profile and as a menu entry; another web app is not', async () => {
    const pack = await exported();
    const sql = pack.queries.notice_google_meet_linux_web_apps!.query;
    const id = 'kjgfgldnnfoeklkmfkjfagphfepbbdan';
    const file = (path: string, type = 'directory') => ({ path, directory: path.slice(0, path.lastIndexOf('/')), filename: path.slice(path.lastIndexOf('/') + 1), type, size: 1, mtime: 1 });
    const r = sqlite({ q: sql }, {
      file: [
        file(`/home/an/.config/google-chrome/Default/Web Applications/Manifest Resources/${id}`),
        file(`/home/an/.local/share/applications/chrome-${id}-Default.desktop`, 'regular'),
        file('/home/an/.config/google-chrome/Default/Web Applications/Manifest Resources/faolnafnngnfdaknnbpnkhgohbobgegn'),
        file('/home/an/.local/share/applications/chrome-faolnafnngnfdaknnbpnkhgohbobgegn-Default.desktop', 'regular'),
      ],
    });
    expect(r.q?.error).toBeUndefined();
    expect(r.q!.rows!.map((x) => x.path).sort()).toEqual([`/home/an/.config/google-chrome/Default/Web Applications/Manifest Resources/${id}`, `/home/an/.local/share/applications/chrome-${id}-Default.desktop`]);
  });

  it.skipIf(skipWhy !== '')('installers left in the Downloads and Desktop folders of every home, by the policy patterns, case-insensitive, on each platform', async () => {
    const pack = await exported();
    const rows = (paths: string[], sep: string) => ({ file: paths.map((path) => ({ path, filename: path.slice(path.lastIndexOf(sep) + 1), type: 'regular', size: 1, mtime: 1 })) });
    const linux = sqlite({ q: pack.queries.zoom_linux_installers!.query }, rows(['/home/an/Downloads/zoom_amd64.deb', '/home/an/Downloads/zoom_amd64 (1).deb', '/root/Desktop/zoom_x86_64.tar.xz', '/home/an/Downloads/zoomit.zip', '/home/an/Documents/zoom_amd64.deb', '/home/an/Downloads/zoom_amd64.deb.txt'], '/'));
    expect(linux.q!.rows!.map((x) => x.path).sort()).toEqual(['/home/an/Downloads/zoom_amd64 (1).deb', '/home/an/Downloads/zoom_amd64.deb', '/root/Desktop/zoom_x86_64.tar.xz']);
    const windows = sqlite({ q: pack.queries.zoom_windows_installers!.query }, rows(['C:\\Users\\an\\Downloads\\ZoomInstallerFull.exe', 'C:\\Users\\an\\Desktop\\zoominstaller (2).msi', 'C:\\Users\\an\\Downloads\\ZoomIt.zip', 'C:\\Users\\an\\Documents\\ZoomInstallerFull.exe'], '\\'));
    expect(windows.q!.rows!.map((x) => x.filename).sort()).toEqual(['ZoomInstallerFull.exe', 'zoominstaller (2).msi']);
    const darwin = sqlite({ q: pack.queries.zoom_darwin_installers!.query }, rows(['/Users/an/Downloads/zoomusInstallerFull.pkg', '/Users/an/Downloads/Zoom.pkg', '/Users/an/Downloads/Zoomify.pkg'], '/'));
    expect(darwin.q!.rows!.map((x) => x.filename).sort()).toEqual(['Zoom.pkg', 'zoomusInstallerFull.pkg']);
  });

  it.skipIf(skipWhy !== '')("URL schemes: Windows protocol keys per machine and in every user's hive, macOS Launch Services' handlers; Linux has no osquery table for them", async () => {
    const pack = await exported();
    expect(pack.queries.zoom_linux_url_handlers).toBeUndefined();
    const r = sqlite({ win: pack.queries.zoom_windows_url_handlers!.query, mac: pack.queries.zoom_darwin_url_handlers!.query }, {
      registry: [
        { key: 'HKEY_USERS\\S-1-5-21-111-1001\\Software\\Classes', path: 'HKEY_USERS\\S-1-5-21-111-1001\\Software\\Classes\\zoommtg', name: 'zoommtg', type: 'subkey' },
        { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes', path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\ZoomUS', name: 'ZoomUS', type: 'subkey' },
        { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes', path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\zoommtgx', name: 'zoommtgx', type: 'subkey' },
        { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes', path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\zoom', name: 'zoom', type: 'subkey' },
        { key: 'HKEY_USERS\\S-1-5-21-111-1001\\Software\\Classes\\other', path: 'HKEY_USERS\\S-1-5-21-111-1001\\Software\\Classes\\other\\zoommtg', name: 'zoommtg', type: 'subkey' },
      ],
      app_schemes: [
        { scheme: 'zoommtg', handler: 'us.zoom.xos', enabled: 1 },
        { scheme: 'zoom', handler: 'com.example.zoomer', enabled: 1 },
        { scheme: 'http', handler: 'com.apple.safari', enabled: 1 },
      ],
    });
    expect(r.win!.rows!.map((x) => x.path).sort()).toEqual(['HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\ZoomUS', 'HKEY_USERS\\S-1-5-21-111-1001\\Software\\Classes\\zoommtg']);
    expect(r.mac!.rows!.map((x) => x.scheme)).toEqual(['zoommtg']);
  });

  it.skipIf(skipWhy !== '')('Windows: Zoom Workplace and its publisher are found, Sysinternals ZoomIt and ZoomText are not', async () => {
    const pack = await exported();
    const rows = {
      programs: [
        { name: 'Zoom Workplace (64-bit)', version: '6.2.5', publisher: 'Zoom Video Communications, Inc.', install_location: 'C:\\Program Files\\Zoom' },
        { name: 'Zoom Outlook Plugin', version: '5.17', publisher: 'Zoom Video Communications, Inc.', install_location: '' },
        { name: 'ZoomIt', version: '8.01', publisher: 'Sysinternals - www.sysinternals.com', install_location: 'C:\\Program Files\\Sysinternals\\ZoomIt' },
        { name: 'ZoomText 2024', version: '2024', publisher: 'Freedom Scientific', install_location: 'C:\\Program Files\\Freedom Scientific\\ZoomText' },
      ],
      processes: [
        { pid: 100, name: 'Zoom.exe', path: 'C:\\Program Files\\Zoom\\bin\\Zoom.exe', cmdline: '"C:\\Program Files\\Zoom\\bin\\Zoom.exe"' },
        { pid: 101, name: 'ZoomIt64.exe', path: 'C:\\Program Files\\Sysinternals\\ZoomIt\\ZoomIt64.exe', cmdline: 'ZoomIt64.exe' },
      ],
    };
    const r = sqlite(sqlOf(pack, (n) => n === 'zoom_windows_programs' || n === 'zoom_windows_processes'), rows);
    expect(r.zoom_windows_programs!.rows!.map((x) => x.name).sort()).toEqual(['Zoom Outlook Plugin', 'Zoom Workplace (64-bit)']);
    expect(r.zoom_windows_processes!.rows!.map((x) => x.name)).toEqual(['Zoom.exe']);
  });

  it.skipIf(skipWhy !== '')('policy values are SQL string literals: a quote in a name is doubled and matched exactly; LIKE wildcards in a prefix are literal', () => {
    const base = builtinPolicy();
    const zoom = base.bannedApps[0]!;
    const app = {
      ...zoom,
      id: 'hop-thu',
      linux: { ...zoom.linux, dpkg: ["hop'thu"], rpm: ["x'); DROP TABLE rpm_packages; --"] },
      macos: { ...zoom.macos, launchdLabelPrefixes: ['vn_hop.'] },
    };
    const policy: Policy = { ...base, bannedApps: [app] };
    const pack = osqueryPack(policy, describeQuery);
    expect(pack.queries.hop_thu_linux_deb_packages!.query).toContain("name IN ('hop''thu')");
    const r = sqlite(sqlOf(pack, (n) => ['hop_thu_linux_deb_packages', 'hop_thu_linux_rpm_packages', 'hop_thu_darwin_launchd'].includes(n)), {
      deb_packages: [{ name: "hop'thu" }, { name: 'hop' }, { name: 'hopthu' }],
      rpm_packages: [{ name: 'zoom' }],
      launchd: [{ label: 'vn_hop.agent', path: '/Library/LaunchAgents/vn_hop.agent.plist' }, { label: 'vnXhop.agent', path: '/Library/LaunchAgents/vnXhop.agent.plist' }],
    });
    expect(r.hop_thu_linux_deb_packages!.rows!.map((x) => x.name)).toEqual(["hop'thu"]);
    expect(r.hop_thu_linux_rpm_packages).toEqual({ rows: [] });
    expect(r.hop_thu_darwin_launchd!.rows!.map((x) => x.label)).toEqual(['vn_hop.agent']);
  });

  it('a policy path holding % is refused rather than matched as a wildcard', () => {
    const base = builtinPolicy();
    const zoom = base.bannedApps[0]!;
    expect(() => osqueryPack({ ...base, bannedApps: [{ ...zoom, linux: { ...zoom.linux, leftovers: ['~/.100%zoom'] } }] }, describeQuery)).toThrow(/wildcard/);
  });
});

describe('export osquery-pack: browsers on a major no longer patched (browser-patch, point 2)', () => {
  // The frozen browser part (Chrome: 155 patched; Firefox ESR: 153, and 140 until 13/10/2026), judged on 30/10/2026.
  const pack = osqueryPack(builtinPolicy(), describeQuery, { catalog: frozenCatalog(), now: new Date('2026-10-30T08:00:00Z'), describe: () => ({ description: 'd', value: 'v' }) });
  const browserSql = sqlOf(pack, (n) => n.startsWith('browser_'));

  it('one query per platform and table for each browser whose patched majors the catalog knows; none for Cốc Cốc, none for macOS Firefox', () => {
    expect(Object.keys(browserSql).sort()).toEqual([
      'browser_darwin_chrome_apps',
      'browser_linux_chrome_deb_packages',
      'browser_linux_chrome_rpm_packages',
      'browser_linux_firefox_esr_deb_packages',
      'browser_windows_chrome_programs',
      'browser_windows_firefox_esr_programs',
    ]);
    for (const [name, q] of Object.entries(pack.queries).filter(([n]) => n.startsWith('browser_'))) expect(name.split('_')[1]).toBe(q.platform);
    // ESR 140's end (13/10/2026) had passed on the day of the pack: only 153 counts as patched.
    expect(browserSql.browser_linux_firefox_esr_deb_packages).toContain('< 153 AND');
    expect(browserSql.browser_linux_firefox_esr_deb_packages).toContain('NOT IN (153)');
  });

  it.skipIf(skipWhy !== '')('prepare against osquery\'s tables and return exactly the installs on an unpatched major', () => {
    const prepared = sqlite(browserSql);
    for (const name of Object.keys(browserSql)) expect(prepared[name], name).toEqual({ rows: [] });
    const rows = {
      deb_packages: [
        { name: 'google-chrome-stable', version: '154.0.8037.97-1', arch: 'amd64', status: 'install ok installed' },
        { name: 'firefox-esr', version: '140.13.0esr-1~deb12u1', arch: 'amd64', status: 'install ok installed' },
        { name: 'chromium', version: '150.0.7871.100-1~deb12u1', arch: 'amd64', status: 'install ok installed' },
        { name: 'libc6', version: '2.36-9+deb12u10', arch: 'amd64', status: 'install ok installed' },
      ],
      programs: [
        { name: 'Google Chrome', version: '155.0.8059.40', publisher: 'Google LLC', install_location: 'C:\\Program Files\\Google\\Chrome\\Application' },
        { name: 'Mozilla Firefox ESR (x64 vi)', version: '140.12.0', publisher: 'Mozilla', install_location: 'C:\\Program Files\\Mozilla Firefox' },
        { name: 'Mozilla Maintenance Service', version: '140.12.0', publisher: 'Mozilla', install_location: '' },
      ],
      apps: [
        { name: 'Google Chrome.app', path: '/Applications/Google Chrome.app', bundle_identifier: 'com.google.Chrome', bundle_short_version: '156.0.8078.114' },
        { name: 'Google Chrome Beta.app', path: '/Applications/Google Chrome Beta.app', bundle_identifier: 'com.google.Chrome.beta', bundle_short_version: '120.0.1.1' },
      ],
    };
    const ran = sqlite(browserSql, rows);
    expect(ran.browser_linux_chrome_deb_packages!.rows!.map((r) => r.version)).toEqual(['154.0.8037.97-1']);
    expect(ran.browser_linux_firefox_esr_deb_packages!.rows!.map((r) => r.version)).toEqual(['140.13.0esr-1~deb12u1']);
    expect(ran.browser_windows_chrome_programs!.rows).toEqual([]);
    expect(ran.browser_windows_firefox_esr_programs!.rows!.map((r) => r.name)).toEqual(['Mozilla Firefox ESR (x64 vi)']);
    expect(ran.browser_darwin_chrome_apps!.rows).toEqual([]);
  });

  it('with the Extended Stable line known, Windows and macOS let Chrome 152 pass (a query cannot read the channel policy); Linux does not', () => {
    const EXTENDED = { id: 'chrome-extended', name: 'Google Chrome Extended Stable', asOf: '2026-09-22', releases: [{ version: '152.0.7977.140', date: '2026-09-22', platforms: ['win32', 'darwin'], sources: ['chrome-2026-09-22'] }], patchedMajors: [{ major: 152, sources: ['chrome-2026-09-22'] }] };
    const withExtended = osqueryPack(builtinPolicy(), describeQuery, { catalog: frozenCatalog([...frozenCatalog().browsers, EXTENDED]), now: new Date('2026-10-30T08:00:00Z'), describe: () => ({ description: 'd', value: 'v' }) });
    const sql = sqlOf(withExtended, (n) => n.startsWith('browser_'));
    expect(sql.browser_windows_chrome_programs).toContain('< 155 AND');
    expect(sql.browser_windows_chrome_programs).toContain('NOT IN (155, 152)');
    expect(sql.browser_darwin_chrome_apps).toContain('NOT IN (155, 152)');
    expect(sql.browser_linux_chrome_deb_packages).toContain('NOT IN (155)');
    expect(Object.keys(sql).some((n) => n.includes('chrome_extended'))).toBe(false);
  });

  it('the CLI\'s pack carries the browser queries with their words in the chosen language', async () => {
    const en = await exported('en');
    const chrome = en.queries.browser_linux_chrome_deb_packages!;
    expect(chrome.description).toMatch(/^Official letter No\. 1981\/UBND-VHTT, point 2: looks for Google Chrome on Linux on a line its vendor no longer patches \(table deb_packages; lines still patched: \d+/);
    expect((await exported()).queries.browser_linux_chrome_deb_packages!.value).toContain('Google Chrome');
  });
});
