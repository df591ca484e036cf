import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/finding';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { RealHost } from '../../../src/core/host/real-host';
import { ConfinedMutableHost, RealMutableHost, isRefusedPath } from '../../../src/core/host/mutable-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { allowedAction, allowlistFor } from '../../../src/core/remediation/allowlist';
import { planFindings } from '../../../src/core/remediation/plan-findings';
import { runPlan, type RunnerDeps } from '../../../src/core/remediation/runner';
import { checkTarget, measure } from '../../../src/core/remediation/safe-path';

const zoom = builtinPolicy().bannedApps[0]!;
const now = () => new Date('2026-11-25T08:00:00Z');

let tmp: string;
let home: string;
let outside: string;
let sentinel: string;
let host: RealHost;
let deps: RunnerDeps;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'attt-leftovers-'));
  home = join(tmp, 'home');
  outside = join(tmp, 'outside');
  mkdirSync(home, { recursive: true });
  mkdirSync(join(outside, 'precious'), { recursive: true });
  sentinel = join(outside, 'precious', 'sentinel.txt');
  writeFileSync(sentinel, 'do not touch');
  host = new RealHost({ homedir: home, env: { HOME: home } });
  const mutable = new ConfinedMutableHost(new RealMutableHost(host, now), [home]);
  deps = { host, mutable, allowlist: allowlistFor(host, zoom), now, privileged: true };
});

function leftover(path: string): Finding {
  return { id: `f:${path}`, check: 'banned-app', status: 'warning', severity: 'low', advisoryPoint: 1, title: { key: 'bannedApp:leftover.title' }, evidence: [{ kind: 'folder', path, detail: path }] };
}

async function run(path: string) {
  const [plan] = await planFindings(host, zoom, [leftover(path)]);
  return runPlan(plan!, deps);
}

describe('leftovers: only allowlisted paths, never through a link', () => {
  it('measures and removes an allowlisted leftover (~/.zoom) with everything in it', async () => {
    mkdirSync(join(home, '.zoom', 'data'), { recursive: true });
    writeFileSync(join(home, '.zoom', 'data', 'a.db'), 'x'.repeat(1000));
    writeFileSync(join(home, '.zoom', 'log.txt'), 'y'.repeat(24));
    expect(await measure(host, join(home, '.zoom'))).toEqual({ bytes: 1024, partial: false });
    const r = await run(join(home, '.zoom'));
    expect(r.outcome).toBe('done');
    expect(existsSync(join(home, '.zoom'))).toBe(false);
  });

  it('a leftover that is a symbolic link to a folder outside is refused; the target is intact', async () => {
    symlinkSync(join(outside, 'precious'), join(home, '.zoom'));
    const r = await run(join(home, '.zoom'));
    expect(r.outcome).toBe('refused');
    expect(r.message?.key).toBe('fix:refused.symlink');
    expect(readFileSync(sentinel, 'utf8')).toBe('do not touch');
    expect(lstatSync(join(home, '.zoom')).isSymbolicLink()).toBe(true);
  });

  it('a link in a parent component is refused (~/.config -> outside)', async () => {
    mkdirSync(join(outside, 'cfg'));
    writeFileSync(join(outside, 'cfg', 'zoomus.conf'), 'outside conf');
    symlinkSync(join(outside, 'cfg'), join(home, '.config'));
    const r = await run(join(home, '.config', 'zoomus.conf'));
    expect(r.outcome).toBe('refused');
    expect(r.message).toMatchObject({ key: 'fix:refused.symlink', params: { path: join(home, '.config') } });
    expect(readFileSync(join(outside, 'cfg', 'zoomus.conf'), 'utf8')).toBe('outside conf');
  });

  it('`..` and paths outside the allowlist are refused before anything is looked at', async () => {
    for (const p of [join(home, '.zoom') + '/../../outside/precious', `${home}/.zoom/../../outside/precious/sentinel.txt`, join(home, 'Documents'), sentinel, '/etc/passwd', 'relative/.zoom']) {
      const r = await run(p);
      expect(r.outcome, p).toBe('refused');
    }
    expect(readFileSync(sentinel, 'utf8')).toBe('do not touch');
    expect(allowedAction(host, deps.allowlist, `${home}/.zoom/../.zoom`)).toBeNull();
  });

  it('an installer goes to the freedesktop Trash with a .trashinfo; a non-installer in Downloads is left alone', async () => {
    mkdirSync(join(home, 'Downloads'));
    const deb = join(home, 'Downloads', 'zoom_amd64.deb');
    writeFileSync(deb, 'deb');
    writeFileSync(join(home, 'Downloads', 'report.pdf'), 'pdf');
    const inst: Finding = { ...leftover(deb), evidence: [{ kind: 'installer', path: deb, detail: deb, data: { size: '3' } }] };
    const [plan] = await planFindings(host, zoom, [inst]);
    expect((await runPlan(plan!, deps)).outcome).toBe('done');
    expect(existsSync(deb)).toBe(false);
    const trash = join(home, '.local', 'share', 'Trash');
    expect(readFileSync(join(trash, 'files', 'zoom_amd64.deb'), 'utf8')).toBe('deb');
    expect(readFileSync(join(trash, 'info', 'zoom_amd64.deb.trashinfo'), 'utf8')).toBe(`[Trash Info]\nPath=${deb}\nDeletionDate=2026-11-25T08:00:00\n`);
    // The same name again does not overwrite the first.
    writeFileSync(deb, 'deb2');
    expect((await runPlan(plan!, deps)).outcome).toBe('done');
    expect(readdirSync(join(trash, 'files')).sort()).toEqual(['zoom_amd64.deb', 'zoom_amd64.deb.2']);
    const pdf = join(home, 'Downloads', 'report.pdf');
    expect((await checkTarget(host, deps.allowlist, pdf, 'trash')).state).toBe('refused');
    // An installer may only be trashed, never deleted.
    expect((await checkTarget(host, deps.allowlist, deb, 'remove')).state).toBe('refused');
  });

  it('a leftover already gone is "missing", not a failure', async () => {
    const r = await run(join(home, '.zoom'));
    expect(r.outcome).toBe('done');
    expect(r.steps[0]!.outcome).toBe('missing');
  });
});

describe('ConfinedMutableHost', () => {
  it('refuses every operation outside its roots, with .., or relative, and never retries', async () => {
    const m = new ConfinedMutableHost(new RealMutableHost(host, now), [home]);
    const attempts = [
      () => m.remove(sentinel),
      () => m.remove(join(outside, 'precious')),
      () => m.remove(`${home}/../outside/precious`),
      () => m.remove(home),
      () => m.remove('outside'),
      () => m.moveToTrash(sentinel),
      () => m.rename(sentinel, join(home, 'x')),
      () => m.writeFileAtomic(sentinel, 'overwritten'),
      () => m.appendLine(sentinel, 'appended'),
    ];
    for (const a of attempts) {
      const e = await a().then(() => null, (err: unknown) => err);
      expect(isRefusedPath(e)).toBe(true);
    }
    expect(readFileSync(sentinel, 'utf8')).toBe('do not touch');
  });

  it('writes atomically and appends lines, closing a torn last line first', async () => {
    const m = new ConfinedMutableHost(new RealMutableHost(host, now), [home]);
    const f = join(home, 'data', 'state.json');
    await m.writeFileAtomic(f, '{"a":1}');
    await m.writeFileAtomic(f, '{"a":2}');
    expect(readFileSync(f, 'utf8')).toBe('{"a":2}');
    expect(readdirSync(join(home, 'data'))).toEqual(['state.json']);
    const log = join(home, 'data', 'audit.log');
    writeFileSync(log, '{"torn":');
    await m.appendLine(log, '{"ok":1}');
    expect(readFileSync(log, 'utf8')).toBe('{"torn":\n{"ok":1}\n');
  });

  it.skipIf(process.platform === 'win32')('a file it replaces keeps its permissions, and as root its owner', async () => {
    const m = new ConfinedMutableHost(new RealMutableHost(host, now), [home]);
    const f = join(home, '.config', 'mimeapps.list');
    mkdirSync(join(home, '.config'), { recursive: true });
    writeFileSync(f, 'old');
    chmodSync(f, 0o644);
    const root = process.getuid?.() === 0;
    if (root) chownSync(f, 1000, 1000);
    await m.writeFileAtomic(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(statSync(f).mode & 0o7777).toBe(0o644);
    if (root) expect([statSync(f).uid, statSync(f).gid]).toEqual([1000, 1000]);
    // A new file is private to its writer.
    await m.writeFileAtomic(join(home, '.config', 'fresh.json'), '{}');
    expect(statSync(join(home, '.config', 'fresh.json')).mode & 0o777).toBe(0o600);
  });
});

describe('path spellings the file system reads differently', () => {
  const win = new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\an', env: { APPDATA: 'C:\\Users\\an\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\an\\AppData\\Local' } });
  const winList = allowlistFor(win, zoom);

  it('Windows: case does not matter, but a trailing dot or space or an alternate data stream is never allowed', () => {
    expect(allowedAction(win, winList, 'C:\\users\\AN\\appdata\\roaming\\ZOOM')).toBe('remove');
    expect(allowedAction(win, winList, 'C:\\Users\\an\\Downloads\\ZoomInstaller.exe')).toBe('trash');
    for (const p of ['C:\\Users\\an\\AppData\\Roaming\\Zoom.', 'C:\\Users\\an\\AppData\\Roaming\\Zoom ', 'C:\\Users\\an.\\AppData\\Roaming\\Zoom', 'C:\\Users\\an\\Downloads\\ZoomInstaller:payload.exe', 'C:\\Users\\an\\Downloads.\\ZoomInstaller.exe']) {
      expect(allowedAction(win, winList, p), p).toBeNull();
    }
  });

  it('macOS: a home folder name in NFD (as HFS+ stores it) matches the same name in NFC', () => {
    const nfc = '/Users/Nguyễn';
    const mac = new FixtureHost({ platform: 'darwin', homedir: nfc });
    const list = allowlistFor(mac, zoom);
    const nfdPath = `${nfc.normalize('NFD')}/Library/Caches/us.zoom.xos`;
    expect(nfdPath).not.toBe(`${nfc}/Library/Caches/us.zoom.xos`);
    expect(allowedAction(mac, list, nfdPath)).toBe('remove');
    expect(allowedAction(mac, list, `${nfc.normalize('NFD')}/Library/Caches/com.apple.Safari`)).toBeNull();
  });
});

describe('a home folder that is itself a symbolic link', () => {
  it('is refused (fail closed): nothing behind the link is removed, and the refusal names the link', async () => {
    const real = join(tmp, 'real-home');
    mkdirSync(join(real, '.zoom'), { recursive: true });
    writeFileSync(join(real, '.zoom', 'a.db'), 'x');
    const linked = join(tmp, 'linked-home');
    symlinkSync(real, linked);
    const h = new RealHost({ homedir: linked, env: { HOME: linked } });
    const [plan] = await planFindings(h, zoom, [leftover(join(linked, '.zoom'))]);
    const r = await runPlan(plan!, { host: h, mutable: new ConfinedMutableHost(new RealMutableHost(h, now), [tmp]), allowlist: allowlistFor(h, zoom), now, privileged: true });
    expect(r.outcome).toBe('refused');
    expect(r.message).toMatchObject({ key: 'fix:refused.symlink', params: { path: linked } });
    expect(existsSync(join(real, '.zoom', 'a.db'))).toBe(true);
  });
});
