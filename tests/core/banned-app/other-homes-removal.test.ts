// The removal planner never acts in another user's home: such hits are planned as manual.
import { describe, expect, it } from 'vitest';
import type { Evidence, Finding } from '../../../src/shared/finding';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { otherUserOf } from '../../../src/core/remediation/other-user';
import { planFindings } from '../../../src/core/remediation/plan-findings';
import { zoom } from './linux/harness';

const mac = new FixtureHost({ platform: 'darwin', homedir: '/Users/an' });
const linux = new FixtureHost({ platform: 'linux', homedir: '/home/an' });

function finding(evidence: Evidence[], status: Finding['status'] = 'violation'): Finding {
  return { id: 'banned-app:x', check: 'banned-app', status, severity: 'high', advisoryPoint: 1, title: { key: 'bannedApp:installed.title', params: { app: 'Zoom' } }, evidence };
}

const lan = { user: 'lan', home: '/Users/lan' };
const app: Evidence = { kind: 'app-bundle', path: '/Users/lan/Applications/zoom.us.app', detail: 'zoom.us.app (us.zoom.xos)', data: { scope: 'user', bundleId: 'us.zoom.xos' } };
const agent: Evidence = { kind: 'launch-agent', path: '/Users/lan/Library/LaunchAgents/us.zoom.updater.plist', detail: 'launchd agent us.zoom.updater', data: { label: 'us.zoom.updater', domain: 'user' } };
const installer: Evidence = { kind: 'installer', path: '/Users/lan/Downloads/Zoom.pkg', detail: 'installer /Users/lan/Downloads/Zoom.pkg', data: { size: '4' } };
const leftover: Evidence = { kind: 'folder', path: '/Users/lan/.zoomus', detail: 'folder /Users/lan/.zoomus' };
const inHome = (e: Evidence, o: Record<string, string> = lan): Evidence => ({ ...e, data: { ...e.data, ...o } });

describe('another user\'s hits', () => {
  it.each([
    ['app bundle', app, 'violation'],
    ['launch agent', agent, 'warning'],
    ['installer', installer, 'warning'],
    ['leftover', leftover, 'warning'],
  ] as const)('%s: in no other home it gets steps; in the home of lan it is manual with fix:why.otherUser, naming the product and lan, no path', async (_what, e, status) => {
    const [mine] = await planFindings(mac, zoom(), [finding([e], status)]);
    expect(mine!.steps.length).toBeGreaterThan(0);
    const [theirs] = await planFindings(mac, zoom(), [finding([inHome(e)], status)]);
    expect(theirs).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.otherUser', params: { name: 'Zoom', user: 'lan' } } });
    expect(theirs!.manual.at(-1)).toEqual({ key: 'fix:manual.askIt' });
  });

  it('a flatpak user install of hoa is never uninstalled with --user as us (that would hit our own installation)', async () => {
    const data = { manager: 'flatpak', name: 'us.zoom.Zoom', scope: 'user', installation: 'user' };
    const [ours] = await planFindings(linux, zoom(), [finding([{ kind: 'package', detail: 'flatpak: us.zoom.Zoom (user)', data }])]);
    expect(ours!.steps).toEqual([expect.objectContaining({ kind: 'run', argv: ['flatpak', 'uninstall', '-y', '--user', 'us.zoom.Zoom'] })]);
    const theirs = finding([{ kind: 'package', path: '/home/hoa/.local/share/flatpak/app/us.zoom.Zoom', detail: 'flatpak: us.zoom.Zoom (user)', data: { ...data, user: 'hoa', home: '/home/hoa' } }]);
    const [plan] = await planFindings(linux, zoom(), [theirs]);
    expect(plan).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.otherUser', params: { name: 'us.zoom.Zoom', user: 'hoa' } } });
    expect(plan!.manual[0]).toEqual({ key: 'fix:manual.linux.command', params: { command: 'flatpak uninstall --user us.zoom.Zoom' } });
  });

  it("hoa's leftover data on Linux: manual, deleting that folder by its path (no software manager knows left data); a package of theirs keeps its command", async () => {
    const data: Evidence = { kind: 'folder', path: '/home/hoa/.var/app/us.zoom.Zoom', detail: 'folder /home/hoa/.var/app/us.zoom.Zoom', data: { user: 'hoa', home: '/home/hoa' } };
    const [plan] = await planFindings(linux, zoom(), [finding([data], 'warning')]);
    expect(plan).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.otherUser', params: { name: 'Zoom', user: 'hoa' } } });
    expect(plan!.manual).toEqual([{ key: 'fix:manual.linux.delete', params: { files: '/home/hoa/.var/app/us.zoom.Zoom', app: 'Zoom' } }, { key: 'fix:manual.askIt' }]);
    // Our own leftover gets its step, and the same words for when it cannot be taken.
    const [ours] = await planFindings(linux, zoom(), [finding([{ ...data, path: '/home/an/.zoom', detail: 'folder /home/an/.zoom', data: {} }], 'warning')]);
    expect(ours!.steps).toEqual([expect.objectContaining({ kind: 'remove', path: '/home/an/.zoom' })]);
    expect(ours!.manual[0]).toEqual({ key: 'fix:manual.linux.delete', params: { files: '/home/an/.zoom', app: 'Zoom' } });
  });

  it('a hit in another home whose account has no name: another account, unnamed, and still no path in the sentence', async () => {
    const [plan] = await planFindings(mac, zoom(), [finding([inHome(installer, { home: '/Users/lan' })], 'warning')]);
    expect(plan).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.otherProfile', params: { name: 'Zoom' } } });
  });

  it('a running Zoom in the same finding is not closed either', async () => {
    const [plan] = await planFindings(mac, zoom(), [finding([inHome(app), { kind: 'process', detail: 'zoom.us (pid 812)', data: { pid: '812', name: 'zoom.us' } }])]);
    expect(plan!.steps).toEqual([]);
  });

  it('evidence whose home is ours (however written) is the current user\'s own', () => {
    expect(otherUserOf(mac, inHome(app, { user: 'an', home: '/Users/an/' }))).toBeNull();
    expect(otherUserOf(mac, inHome(app, { user: 'an', home: '/Users//an' }))).toBeNull();
    expect(otherUserOf(mac, app)).toBeNull();
    expect(otherUserOf(mac, inHome(app, { home: '/Users/lan' }))).toBe('/Users/lan');
    expect(otherUserOf(linux, inHome(app, { user: 'nguyễn' }))).toBe('nguyễn');
  });
});
