import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSTART_FILE, autostartDir, desktopEntry, launchCommand, quoteExecArg, setAutostart } from '../../src/main/linux-autostart';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'attt-autostart-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const names = { en: 'ATTT Self-Check', vi: 'Trợ lý tự kiểm tra ATTT' };
const comments = { en: 'Checks this computer', vi: 'Tự kiểm tra máy tính' };
const hasGio = process.platform === 'linux' && spawnSync('gio', ['version'], { stdio: 'ignore' }).status === 0;

describe('Linux autostart entry', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when that is unset or relative', () => {
    expect(autostartDir({}, '/home/an')).toBe('/home/an/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: '/srv/cfg' }, '/home/an')).toBe('/srv/cfg/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'cfg' }, '/home/an')).toBe('/home/an/.config/autostart');
  });

  it('quotes each Exec argument as the Desktop Entry spec says', () => {
    expect(quoteExecArg('/opt/ATTT Self-Check/attt-selfcheck')).toBe('"/opt/ATTT Self-Check/attt-selfcheck"');
    expect(quoteExecArg('/home/an/Tài liệu/app')).toBe('"/home/an/Tài liệu/app"');
    expect(quoteExecArg('/a"b')).toBe('"/a\\\\"b"'); // quote rule \" then string rule \\"
    expect(quoteExecArg('/a$b`c')).toBe('"/a\\\\$b\\\\`c"');
    expect(quoteExecArg('/a\\b')).toBe('"/a\\\\\\\\b"'); // a literal backslash is four
    expect(quoteExecArg('/a%fb')).toBe('"/a%%fb"'); // not a field code
    expect(quoteExecArg('/a\nb')).toBe('"/a\\nb"');
  });

  it('starts the AppImage itself, the packaged executable, or electron with the app folder', () => {
    expect(launchCommand({ execPath: '/tmp/.mount_abc/attt-selfcheck', appImage: '/home/an/Apps/ATTT.AppImage', packaged: true, appPath: '/x' })).toEqual(['/home/an/Apps/ATTT.AppImage']);
    expect(launchCommand({ execPath: '/opt/ATTT Self-Check/attt-selfcheck', packaged: true, appPath: '/x' })).toEqual(['/opt/ATTT Self-Check/attt-selfcheck']);
    expect(launchCommand({ execPath: '/w/node_modules/electron/dist/electron', packaged: false, appPath: '/w' })).toEqual(['/w/node_modules/electron/dist/electron', '/w']);
  });

  it('writes the entry (creating the folder), leaves an equal one alone, and removes it when turned off', () => {
    const auto = join(dir, 'config', 'autostart');
    const entry = desktopEntry(['/opt/ATTT Self-Check/attt-selfcheck'], names, comments);
    expect(setAutostart(auto, entry)).toBe('written');
    const file = join(auto, AUTOSTART_FILE);
    expect(readFileSync(file, 'utf8')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.5',
        'Name=ATTT Self-Check',
        'Name[vi]=Trợ lý tự kiểm tra ATTT',
        'Comment=Checks this computer',
        'Comment[vi]=Tự kiểm tra máy tính',
        'Exec="/opt/ATTT Self-Check/attt-selfcheck"',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(setAutostart(auto, entry)).toBe('unchanged');
    expect(setAutostart(auto, desktopEntry(['/home/an/ATTT.AppImage'], names, comments))).toBe('written'); // the app moved: updated
    expect(setAutostart(auto, null)).toBe('removed');
    expect(readdirSync(auto)).toEqual([]);
    expect(setAutostart(auto, null)).toBe('unchanged');
  });

  it('throws (for the caller to report) when a folder is in the way', () => {
    mkdirSync(join(dir, AUTOSTART_FILE));
    expect(() => setAutostart(dir, desktopEntry(['/x'], names, comments))).toThrow(/is a folder/);
  });

  // GLib's own reader (what GNOME and most desktops start autostart entries with) runs the entry.
  it.skipIf(!hasGio)('GLib reads the Exec line back to the very path, however odd the folder name', async () => {
    const odd = join(dir, `Tài liệu "q" $HOME \`id\` \\ (x) it's`);
    mkdirSync(odd);
    const app = join(odd, 'attt-selfcheck');
    writeFileSync(app, `#!/bin/sh\nprintf '%s|' "$0" "$@" > '${join(dir, 'ran')}'\n`);
    chmodSync(app, 0o755);
    const auto = join(dir, 'autostart');
    setAutostart(auto, desktopEntry([app, '--flag with space'], names, comments));
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_CACHE_HOME: dir };
    execFileSync('gio', ['launch', join(auto, AUTOSTART_FILE)], { env, timeout: 20_000 });
    await vi.waitFor(() => expect(existsSync(join(dir, 'ran'))).toBe(true), { timeout: 10_000, interval: 50 });
    await vi.waitFor(() => expect(readFileSync(join(dir, 'ran'), 'utf8')).toBe(`${app}|--flag with space|`), { timeout: 5_000, interval: 50 });
  });
});
