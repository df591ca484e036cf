// Whose home $HOME is: root run with the person's HOME (sudo -E, a sudo that keeps HOME) must not take their home for
// its own. The decision on given facts, then the real host on a real folder owned by another uid.
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { envForOwnHome, ownHome } from '../../../src/core/host/own-home';
import { RealHost } from '../../../src/core/host/real-host';

describe('ownHome: the home is ours only when the effective user owns it', () => {
  it('our own $HOME (the person, or root with /root) is kept', () => {
    expect(ownHome({ envHome: '/home/clerk', euid: 1000, homeOwner: 1000, accountHome: '/home/clerk' })).toEqual({ home: '/home/clerk', borrowed: false });
    expect(ownHome({ envHome: '/root', euid: 0, homeOwner: 0, accountHome: '/root' })).toEqual({ home: '/root', borrowed: false });
    // A test's or a kiosk's HOME of our own, elsewhere than the user database says: still ours.
    expect(ownHome({ envHome: '/tmp/h', euid: 1000, homeOwner: 1000, accountHome: '/home/clerk' })).toEqual({ home: '/tmp/h', borrowed: false });
  });

  it("root with the person's HOME: root's own home from the user database, else /root", () => {
    expect(ownHome({ envHome: '/home/clerk', euid: 0, homeOwner: 1000, accountHome: '/root' })).toEqual({ home: '/root', borrowed: true });
    expect(ownHome({ envHome: '/home/clerk', euid: 0, homeOwner: 1000, accountHome: '/var/root' })).toEqual({ home: '/var/root', borrowed: true });
    expect(ownHome({ envHome: '/home/clerk', euid: 0, homeOwner: 1000, accountHome: undefined })).toEqual({ home: '/root', borrowed: true });
  });

  it("a person with root's HOME (sudo -u clerk keeping HOME) gets their own", () => {
    expect(ownHome({ envHome: '/root', euid: 1000, homeOwner: 0, accountHome: '/home/clerk' })).toEqual({ home: '/home/clerk', borrowed: true });
  });

  it('no uid (Windows), no folder at $HOME, or no account of our own: $HOME as it is', () => {
    expect(ownHome({ envHome: 'C:\\Users\\an', euid: undefined, homeOwner: null, accountHome: 'C:\\Users\\an' })).toEqual({ home: 'C:\\Users\\an', borrowed: false });
    expect(ownHome({ envHome: '/home/gone', euid: 0, homeOwner: null, accountHome: '/root' })).toEqual({ home: '/home/gone', borrowed: false });
    expect(ownHome({ envHome: '/home/clerk', euid: 1001, homeOwner: 1000, accountHome: undefined })).toEqual({ home: '/home/clerk', borrowed: false });
  });

  it("the environment of a borrowed home: HOME is ours, the person's XDG folders are dropped, the rest kept", () => {
    const env = { HOME: '/home/clerk', XDG_CONFIG_HOME: '/home/clerk/.config', XDG_DATA_HOME: '/home/clerk/.local/share', PATH: '/usr/bin', LANG: 'vi_VN.UTF-8' };
    expect(envForOwnHome(env, { home: '/root', borrowed: true })).toEqual({ HOME: '/root', PATH: '/usr/bin', LANG: 'vi_VN.UTF-8' });
    expect(envForOwnHome(env, { home: '/home/clerk', borrowed: false })).toEqual(env);
  });
});

const posix = process.platform !== 'win32';
const root = posix && process.geteuid?.() === 0;

describe.skipIf(!posix)('RealHost: $HOME owned by another uid is not our home', () => {
  const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
  let dir: string | null = null;
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it("root: a HOME chowned to another person is theirs; the host's home and its children's HOME are root's own", () => {
    // Not root: a folder root owns stands for "another user's" home.
    let home = '/';
    if (root) {
      dir = mkdtempSync(join(os.tmpdir(), 'attt-own-home-'));
      chownSync(dir, 1000, 1000);
      home = dir;
    }
    process.env.HOME = home;
    process.env.XDG_CONFIG_HOME = join(home, '.config');
    const host = new RealHost();
    const account = os.userInfo().homedir;
    expect(account).not.toBe(home);
    expect(host.homedir).toBe(account);
    expect(host.env.HOME).toBe(account);
    expect(host.env.XDG_CONFIG_HOME).toBeUndefined();
  });

  it('our own HOME is kept, with the environment as it was', () => {
    dir = mkdtempSync(join(os.tmpdir(), 'attt-own-home-'));
    process.env.HOME = dir;
    process.env.XDG_CONFIG_HOME = join(dir, 'cfg');
    const host = new RealHost();
    expect(host.homedir).toBe(dir);
    expect(host.env.HOME).toBe(dir);
    expect(host.env.XDG_CONFIG_HOME).toBe(join(dir, 'cfg'));
  });

  it('a home named by the caller (the sandbox) is taken as given', () => {
    const host = new RealHost({ homedir: '/home/clerk', env: { HOME: '/home/clerk' } });
    expect(host.homedir).toBe('/home/clerk');
  });
});
