import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchdProbe } from '../../../src/core/checks/banned-app/macos/launchd';
import { launchdSteps } from '../../../src/core/remediation/posix-plans';
import type { Evidence, Finding } from '../../../src/shared/finding';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { elevatedArgv, elevationRefused, isPrivileged } from '../../../src/core/remediation/elevation';
import { planFindings } from '../../../src/core/remediation/plan-findings';

const zoom = builtinPolicy().bannedApps[0]!;

function finding(id: string, evidence: Evidence[], status: Finding['status'] = 'violation'): Finding {
  return { id, check: 'banned-app', status, severity: 'high', advisoryPoint: 1, title: { key: 'bannedApp:installed.title', params: { app: 'Zoom' } }, evidence };
}

const linux = (env: Record<string, string> = {}): FixtureHost => new FixtureHost({ platform: 'linux', homedir: '/home/an', env });
const mac = new FixtureHost({ platform: 'darwin', homedir: '/Users/an' });

describe('Linux plans from recorded evidence', () => {
  it.each([
    [{ manager: 'dpkg', name: 'zoom', version: '6.2.0', state: 'installed' }, ['apt-get', 'purge', '-y', 'zoom'], 'admin'],
    [{ manager: 'dpkg', name: 'zoom', version: '6.2.0', state: 'config-files' }, ['apt-get', 'purge', '-y', 'zoom'], 'admin'],
    [{ manager: 'rpm', name: 'zoom', version: '6.2.0' }, ['rpm', '-e', '--allmatches', 'zoom'], 'admin'],
    [{ manager: 'snap', name: 'zoom-client', version: '6.2.0' }, ['snap', 'remove', 'zoom-client'], 'admin'],
    [{ manager: 'flatpak', name: 'us.zoom.Zoom', scope: 'user' }, ['flatpak', 'uninstall', '-y', '--user', 'us.zoom.Zoom'], 'none'],
    [{ manager: 'flatpak', name: 'us.zoom.Zoom', scope: 'system' }, ['flatpak', 'uninstall', '-y', '--system', 'us.zoom.Zoom'], 'admin'],
  ])('%o → the owning manager', async (data, argv, elevation) => {
    const [plan] = await planFindings(linux(), zoom, [finding('f', [{ kind: 'package', detail: 'x', data }])]);
    expect(plan!.steps).toEqual([expect.objectContaining({ kind: 'run', argv, elevation })]);
  });

  // The rpm tool is the first present in the system folders (never PATH, never guessed from the distribution's name).
  it.each([
    ['Fedora / RHEL 8+ (yum is dnf)', { '/usr/bin/dnf': '', '/usr/bin/yum': { type: 'symlink', target: 'dnf-3' }, '/usr/bin/rpm': '' }, ['dnf', 'remove', '-y', 'zoom'], 'sudo dnf remove -y zoom'],
    ['CentOS 7', { '/usr/bin/yum': '', '/bin/rpm': '' }, ['yum', 'remove', '-y', 'zoom'], 'sudo yum remove -y zoom'],
    ['openSUSE', { '/usr/bin/zypper': '', '/usr/bin/rpm': '' }, ['zypper', '--non-interactive', 'remove', 'zoom'], 'sudo zypper --non-interactive remove zoom'],
    ['a machine with rpm alone', { '/usr/bin/rpm': '' }, ['rpm', '-e', '--allmatches', 'zoom'], 'sudo rpm -e --allmatches zoom'],
    ['dnf only in the person\'s PATH (not a system folder)', { '/home/an/.local/bin/dnf': '', '/usr/local/bin/dnf': '', '/usr/bin/rpm': '' }, ['rpm', '-e', '--allmatches', 'zoom'], 'sudo rpm -e --allmatches zoom'],
  ] as const)('rpm on %s: %o → that tool, and the manual step says the same command', async (_name, files, argv, manual) => {
    const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', env: { PATH: '/home/an/.local/bin:/usr/local/bin:/usr/bin:/bin' }, files });
    const [plan] = await planFindings(host, zoom, [finding('f', [{ kind: 'package', detail: 'x', data: { manager: 'rpm', name: 'zoom', version: '6.2.0' } }])]);
    expect(plan!.steps).toEqual([expect.objectContaining({ kind: 'run', argv, elevation: 'admin', okExitCodes: [0] })]);
    expect(plan!.manual[0]).toEqual({ key: 'fix:manual.linux.command', params: { command: manual } });
  });

  it('a dpkg package on a sandboxed host (private admindir) is removed with dpkg inside that sandbox', async () => {
    const host = linux({ ATTT_SELFCHECK_DPKG_ADMINDIR: '/tmp/t/root/var/lib/dpkg' });
    const [plan] = await planFindings(host, zoom, [finding('f', [{ kind: 'package', detail: 'x', data: { manager: 'dpkg', name: 'zoom' } }])]);
    expect(plan!.steps[0]).toMatchObject({ argv: ['dpkg', '--instdir=/tmp/t/root', '--log=/tmp/t/root/var/lib/dpkg/dpkg.log', '--force-not-root', '-P', 'zoom'], elevation: 'none' });
  });

  it.each([
    { manager: 'dpkg', name: '--purge' },
    { manager: 'dpkg', name: 'zoom; rm -rf /' },
    { manager: 'flatpak', name: 'us.zoom.Zoom' },
    { manager: 'pacman', name: 'zoom' },
    { manager: 'dpkg', name: 'libc6' },
    { manager: 'snap', name: 'firefox' },
  ])('odd package data %o gives manual steps, never a command', async (data) => {
    const [plan] = await planFindings(linux(), zoom, [finding('f', [{ kind: 'package', detail: 'x', data }])]);
    expect(plan!.steps).toEqual([]);
    expect(plan!.kind).toBe('manual');
    expect(plan!.why?.key).toBe('fix:why.unknownPackage');
  });

  it('a running Zoom reported as its own finding is closed first by the uninstall plan too (the window runs one plan)', async () => {
    const plans = await planFindings(linux(), zoom, [
      finding('proc', [{ kind: 'process', detail: 'zoom', data: { pid: '4242', name: 'zoom' } }]),
      finding('pkg', [{ kind: 'package', detail: 'x', data: { manager: 'dpkg', name: 'zoom' } }]),
      finding('inst', [{ kind: 'installer', path: '/home/an/Downloads/zoom_amd64.deb', detail: 'installer', data: { size: '10' } }], 'warning'),
    ]);
    const byFinding = Object.fromEntries(plans.map((p) => [p.findingId, p.steps.map((s) => s.kind)]));
    expect(byFinding).toEqual({ proc: ['close-app'], pkg: ['close-app', 'run'], inst: ['trash'] });
    expect(plans.find((p) => p.findingId === 'pkg')!.steps[0]).toMatchObject({ pids: [4242] });
  });

  it('a running zoom is closed first, inside the install plan; a manual /opt/zoom is an allowlisted removal', async () => {
    const plans = await planFindings(linux(), zoom, [
      finding('pkg', [{ kind: 'package', detail: 'x', data: { manager: 'dpkg', name: 'zoom' } }, { kind: 'process', detail: 'zoom', data: { pid: '777', name: 'zoom' } }]),
      finding('opt', [{ kind: 'folder', path: '/opt/zoom', detail: '/opt/zoom', data: { path: '/opt/zoom' } }]),
      finding('left', [{ kind: 'folder', path: '/home/an/.zoom', detail: 'leftover' }], 'warning'),
      finding('inst', [{ kind: 'installer', path: '/home/an/Downloads/zoom_amd64.deb', detail: 'installer', data: { size: '10' } }], 'warning'),
      finding('ok', [], 'ok'),
    ]);
    expect(plans.map((p) => [p.findingId, p.kind])).toEqual([['pkg', 'uninstall'], ['opt', 'uninstall'], ['left', 'leftover'], ['inst', 'installer']]);
    expect(plans[0]!.steps.map((s) => s.kind)).toEqual(['close-app', 'run']);
    expect(plans[0]!.steps[0]).toMatchObject({ pids: [777], names: expect.arrayContaining(['zoom', 'ZoomLauncher']) });
    expect(plans[1]!.steps.map((s) => s.kind)).toEqual(['close-app', 'remove']); // the app runs: close it before removing its folder
    expect(plans[1]!.steps[1]).toMatchObject({ kind: 'remove', path: '/opt/zoom', elevation: 'if-needed' });
    expect(plans[3]!.steps[0]).toMatchObject({ kind: 'trash', path: '/home/an/Downloads/zoom_amd64.deb' });
  });

  it('elevation: pkexec; refusal is exit 126/127 of pkexec; root found through id -u', async () => {
    expect(elevatedArgv('linux', ['/usr/bin/apt-get', 'remove', '-y', 'zoom'])).toEqual(['/usr/bin/pkexec', '/usr/bin/apt-get', 'remove', '-y', 'zoom']);
    const r = { argv: ['/usr/bin/pkexec', '/usr/bin/apt-get'], exitCode: 126, signal: null, stdout: '', stderr: '', durationMs: 0 };
    expect(elevationRefused('linux', r)).toBe(true);
    expect(elevationRefused('linux', { ...r, exitCode: 100 })).toBe(false);
    const root = new FixtureHost({ platform: 'linux', homedir: '/root', commands: [{ argv: ['id', '-u'], stdout: '0\n' }] });
    const user = new FixtureHost({ platform: 'linux', homedir: '/home/an', commands: [{ argv: ['id', '-u'], stdout: '1000\n' }] });
    const garbled = new FixtureHost({ platform: 'linux', homedir: '/home/an', commands: [{ argv: ['id', '-u'], stdout: 'uid=?\n' }] });
    expect([await isPrivileged(root), await isPrivileged(user), await isPrivileged(garbled)]).toEqual([true, false, null]);
  });
});

describe('macOS plans from recorded evidence', () => {
  it('app bundle to the Trash (administrator only if needed), receipts forgotten, launchd jobs unloaded and removed, ~/.zoomus removed', async () => {
    const plans = await planFindings(mac, zoom, [
      finding('app', [
        { kind: 'app-bundle', path: '/Applications/zoom.us.app', detail: 'zoom.us.app', data: { bundleId: 'us.zoom.xos', scope: 'system' } },
        { kind: 'receipt', detail: 'receipt', data: { pkgId: 'us.zoom.pkg.videomeeting' } },
      ]),
      finding('job', [{ kind: 'launch-agent', path: '/Library/LaunchDaemons/us.zoom.ZoomDaemon.plist', detail: 'job', data: { label: 'us.zoom.ZoomDaemon', labelFrom: 'plist', domain: 'system' } }], 'warning'),
      finding('port', [{ kind: 'port', detail: 'port 19421', data: { port: '19421', pid: '99' } }]),
      finding('evil', [{ kind: 'launch-agent', path: '/Library/LaunchDaemons/com.apple.x.plist', detail: 'job', data: { label: 'com.apple.x', domain: 'system' } }], 'warning'),
      finding('disguised', [{ kind: 'launch-agent', path: '/System/Library/LaunchDaemons/com.apple.securityd.plist', detail: 'job', data: { label: 'us.zoom.updater', domain: 'system' } }], 'warning'),
      finding('climb', [{ kind: 'launch-agent', path: '/Library/LaunchDaemons/../../etc/us.zoom.x.plist', detail: 'job', data: { label: 'us.zoom.x', domain: 'system' } }], 'warning'),
    ]);
    // A Zoom label on a plist that is not a Zoom plist in a launchd folder: root never unloads it.
    for (const id of ['disguised', 'climb']) expect(plans.find((p) => p.findingId === id), id).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.notAppLabel' } });
    const app = plans.find((p) => p.findingId === 'app')!;
    expect(app.steps).toEqual([
      expect.objectContaining({ kind: 'trash', path: '/Applications/zoom.us.app', elevation: 'if-needed' }),
      expect.objectContaining({ kind: 'run', argv: ['pkgutil', '--forget', 'us.zoom.pkg.videomeeting'], elevation: 'admin', optional: true }),
    ]);
    expect(plans.find((p) => p.findingId === 'job')!.steps).toEqual([
      expect.objectContaining({ argv: ['launchctl', 'remove', 'us.zoom.ZoomDaemon'], elevation: 'admin', optional: true }),
      expect.objectContaining({ kind: 'remove', path: '/Library/LaunchDaemons/us.zoom.ZoomDaemon.plist', elevation: 'if-needed' }),
    ]);
    expect(plans.find((p) => p.findingId === 'port')!.steps).toEqual([
      expect.objectContaining({ kind: 'close-app', pids: [99], names: ['ZoomOpener'] }),
      expect.objectContaining({ kind: 'remove', path: '/Users/an/.zoomus' }),
    ]);
    expect(plans.find((p) => p.findingId === 'evil')).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.notAppLabel' } });
  });

  it('a launchd job is stopped by the label read from its plist only; one its plist names otherwise is left alone', async () => {
    const dir = '/Library/LaunchDaemons';
    const xml = (label: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'macos', 'us.zoom.updater.plist'), 'utf8').replace('us.zoom.updater', label);
    const h = new FixtureHost({
      platform: 'darwin',
      homedir: '/Users/an',
      files: {
        [`${dir}/us.zoom.ZoomDaemon.plist`]: xml('us.zoom.ZoomDaemon'),
        // Named like Zoom's, but its Label is another job: `launchctl unload` of this file would stop that job.
        [`${dir}/us.zoom.updater.plist`]: readFileSync(join(__dirname, '..', '..', 'fixtures', 'macos', 'us.zoom.updater-names-another-job.plist'), 'utf8'),
        // Unreadable: only its name says Zoom, so no job is stopped by a label nobody read.
        [`${dir}/us.zoom.helper.plist`]: { type: 'error', code: 'permission' },
      },
    });
    const r = await launchdProbe.run({ host: h, policy: builtinPolicy(), now: new Date('2026-11-25T08:00:00Z') }, zoom);
    const hits = r.status === 'ran' ? r.hits : [];
    expect(hits.map((x) => [x.evidence.data?.label, x.evidence.data?.labelFrom, x.evidence.data?.otherLabel]).sort()).toEqual([
      ['us.zoom.ZoomDaemon', 'plist', undefined],
      ['us.zoom.helper', 'file-name', undefined],
      ['us.zoom.updater', 'file-name', 'com.apple.softwareupdated'],
    ]);
    const plans = await planFindings(h, zoom, hits.map((x, i) => finding(`j${i}`, [x.evidence], 'warning')));
    const byLabel = (l: string) => plans.find((p) => p.evidence[0]!.data?.label === l)!;
    expect(byLabel('us.zoom.ZoomDaemon').steps.map((st) => (st.kind === 'run' ? st.argv : [st.kind, 'path' in st ? st.path : '']))).toEqual([['launchctl', 'remove', 'us.zoom.ZoomDaemon'], ['remove', `${dir}/us.zoom.ZoomDaemon.plist`]]);
    expect(byLabel('us.zoom.helper').steps.map((st) => st.kind)).toEqual(['remove']);
    expect(byLabel('us.zoom.updater')).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.otherJobLabel', params: { label: 'com.apple.softwareupdated' } } });
    expect(plans.flatMap((p) => p.steps).some((st) => st.kind === 'run' && st.argv.includes('com.apple.softwareupdated'))).toBe(false);
  });

  it("launchd labels are the policy's: another policy's prefix is stopped, Zoom's is then not", async () => {
    const job: Evidence = { kind: 'launch-agent', path: '/Library/LaunchAgents/com.example.meet.plist', detail: 'job', data: { label: 'com.example.meet', labelFrom: 'plist', domain: 'system' } };
    const prefixed = (prefixes: string[]) => ({ ...zoom, macos: { ...zoom.macos, launchdLabelPrefixes: prefixes } });
    expect(launchdSteps(prefixed(['com.example.']), job)).toMatchObject({ steps: [{ argv: ['launchctl', 'remove', 'com.example.meet'] }, { kind: 'remove' }] });
    expect(launchdSteps(zoom, job)).toMatchObject({ why: { key: 'fix:why.notAppLabel', params: { app: 'Zoom' } } });
    expect(launchdSteps(prefixed(['-']), { ...job, data: { ...job.data, label: '-evil' } })).toMatchObject({ why: { key: 'fix:why.notAppLabel' } });
  });

  it('osascript elevation quotes every argument for the shell and for AppleScript', () => {
    const argv = elevatedArgv('darwin', ['rm', '-rf', '--', `/Library/it's "x" \\ $(id)`]);
    expect(argv[0]).toBe('/usr/bin/osascript');
    expect(argv[1]).toBe('-e');
    expect(argv[2]).toBe(`do shell script "'rm' '-rf' '--' '/Library/it'\\\\''s \\"x\\" \\\\ $(id)'" with administrator privileges`);
    expect(elevationRefused('darwin', { argv, exitCode: 1, signal: null, stdout: '', stderr: '0:48: execution error: User canceled. (-128)', durationMs: 0 })).toBe(true);
  });
});
