import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/checks/banned-app/banned-app-check';
import { launchdProbe } from '../../../src/core/checks/banned-app/macos/launchd';
import { otherUsersAppBundlesProbe, otherUsersInstallersProbe, otherUsersLaunchdProbe, otherUsersLeftoversProbe } from '../../../src/core/checks/banned-app/macos/other-users-probes';
import { listOtherHomes } from '../../../src/core/checks/banned-app/other-homes';
import type { FixtureNode } from '../../../src/core/host/fixture-host';
import { ctxOf, fixture, hitsOf, runProbe, zoom } from './linux/harness';
import { file, HOME, mac } from './macos/mac-fixtures';

const INFO = 'Contents/Info.plist';
const ID = ['id', '-u'];

/** A Mac with the current user nguyễn (listed by macOS in NFD), lan and hoa, Shared, Guest and dot entries. */
function office(files: Record<string, FixtureNode> = {}, uid = '501') {
  return mac(
    {
      [`/Users/${'nguyễn'.normalize('NFD')}`]: { type: 'dir' },
      '/Users/lan': { type: 'dir' },
      '/Users/hoa': { type: 'dir' },
      '/Users/Shared': { type: 'dir' },
      '/Users/Guest': { type: 'dir' },
      '/Users/.localized': '',
      '/Users/.hidden-admin': { type: 'dir' },
      ...files,
    },
    [{ argv: ID, stdout: `${uid}\n` }],
  );
}

describe('other homes on macOS', () => {
  it('are the folders under /Users except ours, Shared, Guest and dot entries (NFD names compared as NFC)', async () => {
    expect(await listOtherHomes(office())).toEqual({ homes: [{ user: 'hoa', home: '/Users/hoa' }, { user: 'lan', home: '/Users/lan' }], problem: null, privileged: false });
  });

  it('an unlistable /Users is a problem; a missing one means no other user', async () => {
    expect(await runProbe(otherUsersLeftoversProbe, mac({ '/Users': { type: 'error', code: 'io' } }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.readFailed' } });
    expect(await runProbe(otherUsersLeftoversProbe, mac({}))).toMatchObject({ status: 'not-applicable' });
  });
});

describe('per-user Zoom of other Mac users', () => {
  it('finds lan\'s ~/Applications/zoom.us.app and a renamed copy by bundle id, each with its user', async () => {
    const h = office({
      [`/Users/lan/Applications/zoom.us.app/${INFO}`]: file('zoom.us-Info.plist'),
      [`/Users/hoa/Applications/Họp.app/${INFO}`]: file('zoom.us-Info.bplist'),
      [`/Users/hoa/Applications/Safari copy.app/${INFO}`]: file('safari-Info.plist'),
    });
    const hits = hitsOf(await runProbe(otherUsersAppBundlesProbe, h));
    expect(hits.map((x) => [x.install, x.evidence.version, x.evidence.data?.scope, x.evidence.data?.user, x.evidence.data?.home])).toEqual([
      ['app:/Users/lan/Applications/zoom.us.app', '6.1.11 (39163)', 'user', 'lan', '/Users/lan'],
    ]);
    // The binary plist of the renamed copy needs plutil; without it the bundle id is unknown, so it is not claimed.
    expect(h.calls.some((c) => c[0] === 'plutil')).toBe(true);
  });

  it('finds a renamed copy in another home by its bundle id when plutil reads its binary Info.plist', async () => {
    const path = `/Users/hoa/Applications/Họp.app/${INFO}`;
    const h = mac(
      { '/Users/hoa': { type: 'dir' }, [path]: file('zoom.us-Info.bplist') },
      [{ argv: ID, stdout: '501\n' }, { argv: ['plutil', '-convert', 'xml1', '-o', '-', path], stdout: fixture('macos', 'zoom.us-Info.plutil-xml1.txt') }],
    );
    expect(hitsOf(await runProbe(otherUsersAppBundlesProbe, h)).map((x) => [x.install, x.evidence.data?.bundleId, x.evidence.data?.user])).toEqual([['app:/Users/hoa/Applications/Họp.app', 'us.zoom.xos', 'hoa']]);
  });

  it('finds another user\'s us.zoom.* launch agent as a finding of its own, apart from ours with the same label', async () => {
    const h = office({
      [`${HOME}/Library/LaunchAgents/us.zoom.updater.plist`]: file('us.zoom.updater.plist'),
      '/Users/lan/Library/LaunchAgents/us.zoom.updater.plist': file('us.zoom.updater.plist'),
      '/Users/lan/Library/LaunchAgents/com.google.keystone.agent.plist': file('com.google.keystone.agent.plist'),
    });
    const other = hitsOf(await runProbe(otherUsersLaunchdProbe, h));
    expect(other.map((x) => [x.install, x.evidence.path, x.evidence.data])).toEqual([
      ['launchd:user:lan:us.zoom.updater', '/Users/lan/Library/LaunchAgents/us.zoom.updater.plist', { label: 'us.zoom.updater', labelFrom: 'plist', domain: 'user', user: 'lan', home: '/Users/lan' }],
    ]);
    const ctx = ctxOf(h);
    const findings = judge(zoom(), [
      [launchdProbe, await launchdProbe.run(ctx, zoom())],
      [otherUsersLaunchdProbe, await otherUsersLaunchdProbe.run(ctx, zoom())],
    ]);
    expect(findings.filter((f) => f.status === 'warning').map((f) => f.evidence.map((e) => e.data?.user ?? '-').join()).sort()).toEqual(['-', 'lan']);
  });

  it('finds installers in other users\' Downloads and Desktop, and their leftovers', async () => {
    const h = office({
      '/Users/lan/Downloads/zoomusInstallerFull.pkg': 'xar!',
      '/Users/hoa/Desktop/Zoom (1).pkg': 'xar!',
      '/Users/hoa/Desktop/Zoom notes.txt': 'ghi chú',
      '/Users/lan/Library/Application Support/zoom.us/data/zoomus.enc.db': 'db',
      '/Users/hoa/.zoomus/ZoomOpener.app': { type: 'dir' },
    });
    expect(hitsOf(await runProbe(otherUsersInstallersProbe, h)).map((x) => [x.install, x.evidence.data?.user])).toEqual([
      ['installer:/Users/hoa/Desktop/Zoom (1).pkg', 'hoa'],
      ['installer:/Users/lan/Downloads/zoomusInstallerFull.pkg', 'lan'],
    ]);
    expect(hitsOf(await runProbe(otherUsersLeftoversProbe, h)).map((x) => [x.install, x.evidence.data?.user])).toEqual([
      ['leftover:/Users/hoa/.zoomus', 'hoa'],
      ['leftover:/Users/lan/Library/Application Support/zoom.us', 'lan'],
    ]);
  });

  it('another user\'s private Downloads is "not readable as this user" for a normal user, and unknown with the reason for root', async () => {
    const files: Record<string, FixtureNode> = { '/Users/lan/Downloads': { type: 'error', code: 'permission' } };
    const asUser = await runProbe(otherUsersInstallersProbe, office(files));
    expect(asUser).toMatchObject({ status: 'ran', hits: [] });
    expect(asUser.status === 'ran' && asUser.looked).toMatch(/; not readable as this user: lan$/);
    // Root on macOS still meets privacy protection (TCC) on Downloads without Full Disk Access.
    expect(await runProbe(otherUsersInstallersProbe, office(files, '0'))).toMatchObject({
      status: 'unknown',
      reason: { key: 'bannedApp:otherUsers.reason.unreadableAsAdmin', params: { user: 'lan', path: '/Users/lan/Downloads' } },
    });
  });

  it('cannot tell whether it is root (no id): counts as a normal user', async () => {
    const h = mac({ '/Users/lan/Applications': { type: 'error', code: 'permission' } });
    const r = await runProbe(otherUsersAppBundlesProbe, h);
    expect(r.status === 'ran' && r.looked).toBe('/Users/lan/Applications; not readable as this user: lan');
  });
});
